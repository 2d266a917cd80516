import Vapor

struct UpdateInput: Content {
    let body: String?
    let `internal`: Bool?
}
