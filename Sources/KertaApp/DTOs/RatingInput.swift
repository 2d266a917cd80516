import Vapor

struct RatingInput: Content {
    let stars: Int?
    let comment: String?
}
