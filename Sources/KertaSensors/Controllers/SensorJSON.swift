import Foundation
import KertaPlatform
import Vapor

/// The JSON API's answers from the page views: the same values, in the API's snake_case names.
enum SensorJSON {
    static func response(_ value: some Encodable, status: HTTPStatus = .ok, contentType: String = "application/json; charset=utf-8") throws -> Response {
        let encoder = JSONEncoder.kerta
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(value)
        return Response(status: status, headers: ["Content-Type": contentType], body: .init(data: data))
    }
}
