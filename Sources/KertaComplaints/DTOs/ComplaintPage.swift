import Vapor
import KertaPlatform

/// One page of a complaint list, newest first.
package struct ComplaintPage: Content {
    package let items: [ComplaintSummary]
    package let page: Int
    package let perPage: Int
    package let total: Int

    package enum CodingKeys: String, CodingKey {
        case items, page, total
        case perPage = "per_page"
    }
}
