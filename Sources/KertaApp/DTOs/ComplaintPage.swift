import Vapor

/// One page of a complaint list, newest first.
struct ComplaintPage: Content {
    let items: [ComplaintSummary]
    let page: Int
    let perPage: Int
    let total: Int

    enum CodingKeys: String, CodingKey {
        case items, page, total
        case perPage = "per_page"
    }
}
