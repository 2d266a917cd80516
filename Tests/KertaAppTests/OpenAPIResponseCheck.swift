import Foundation
import Testing

/// The served OpenAPI document, as a checker of the answers the tests receive: each one's status must be
/// documented for its operation, and a JSON body must match the schema documented for that status. The
/// API helpers (``Client``) check every answer they get, so the document cannot drift from what the code
/// answers without a test failing.
struct OpenAPIResponseCheck: Sendable {
    static let document: OpenAPIResponseCheck = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/KertaApp/Resources/OpenAPI/openapi.json")
        let data = try! Data(contentsOf: url)
        return OpenAPIResponseCheck(root: JSONBox(try! JSONSerialization.jsonObject(with: data)))
    }()

    /// JSONSerialization's tree is plain data, read only.
    struct JSONBox: @unchecked Sendable { let value: Any; init(_ value: Any) { self.value = value } }

    let root: JSONBox

    private var paths: [String: Any] { ((root.value as? [String: Any])?["paths"] as? [String: Any]) ?? [:] }

    /// What is wrong with this answer by the document; empty when it conforms.
    func problems(method: String, path: String, status: UInt, contentType: String?, body: Data) -> [String] {
        let bare = String(path.split(separator: "?", maxSplits: 1).first ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let actual = "/" + bare
        // A literal segment wins over a parameter: `/complaints/nearby` is not `/complaints/{ticket}`.
        let candidates = paths.filter { Self.matches(template: $0.key, actual) }
            .sorted { $0.key.filter { $0 == "{" }.count < $1.key.filter { $0 == "{" }.count }
        guard let (template, item) = candidates.first.map({ ($0.key, $0.value) }),
              let operation = (item as? [String: Any])?[method.lowercased()] as? [String: Any] else {
            return actual.hasPrefix("/api/v1") ? ["\(method) \(actual) is not in the document"] : []
        }
        let responses = operation["responses"] as? [String: Any] ?? [:]
        guard let response = (responses[String(status)] ?? responses["default"]) as? [String: Any] else {
            return ["\(method) \(template) answered \(status), which the document does not list (\(responses.keys.sorted()))"]
        }
        guard let contentType, contentType.hasPrefix("application/json"),
              let schema = ((response["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any] else {
            return []
        }
        guard let value = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else {
            return ["\(method) \(template) \(status): the body is not JSON"]
        }
        var found: [String] = []
        validate(value, schema, at: "\(method) \(template) \(status) $", into: &found)
        return found
    }

    static func matches(template: String, _ actual: String) -> Bool {
        let t = template.split(separator: "/"), a = actual.split(separator: "/")
        guard t.count == a.count else { return false }
        return zip(t, a).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
    }

    private func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let ref = schema["$ref"] as? String, ref.hasPrefix("#/") else { return schema }
        var node: Any? = root.value
        for key in ref.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(key)] }
        return resolve(node as? [String: Any] ?? [:])
    }

    private func validate(_ value: Any, _ raw: [String: Any], at path: String, into found: inout [String]) {
        let schema = resolve(raw)
        if value is NSNull {
            if schema["nullable"] as? Bool != true && schema["type"] != nil { found.append("\(path): null where the document has no nullable") }
            return
        }
        for key in ["oneOf", "anyOf"] {
            if let options = schema[key] as? [[String: Any]] {
                let passes = options.contains { option in
                    var trial: [String] = []
                    validate(value, option, at: path, into: &trial)
                    return trial.isEmpty
                }
                if !passes { found.append("\(path): matches none of \(key)") }
                return
            }
        }
        if let all = schema["allOf"] as? [[String: Any]] {
            for part in all { validate(value, part, at: path, into: &found) }
        }
        if let allowed = schema["enum"] as? [Any], let text = value as? String, !allowed.contains(where: { ($0 as? String) == text }) {
            found.append("\(path): \(text) is not one of \(allowed)")
        }
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { found.append("\(path): expected an object"); return }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for required in schema["required"] as? [String] ?? [] where object[required] == nil {
                found.append("\(path): the required \(required) is missing")
            }
            for (key, member) in object {
                if let property = properties[key] as? [String: Any] {
                    validate(member, property, at: "\(path).\(key)", into: &found)
                } else if let extra = schema["additionalProperties"] as? [String: Any] {
                    validate(member, extra, at: "\(path).\(key)", into: &found)
                } else if schema["additionalProperties"] as? Bool == false {
                    found.append("\(path): \(key) is not documented")
                }
            }
        case "array":
            guard let array = value as? [Any] else { found.append("\(path): expected an array"); return }
            if let items = schema["items"] as? [String: Any] {
                for (index, element) in array.enumerated() { validate(element, items, at: "\(path)[\(index)]", into: &found) }
            }
        case "string":
            if !(value is String) { found.append("\(path): expected a string, got \(value)") }
        case "integer":
            if let number = value as? NSNumber, number.doubleValue.rounded() == number.doubleValue, !(value is String) {} else {
                found.append("\(path): expected an integer, got \(value)")
            }
        case "number":
            if !(value is NSNumber) || value is String { found.append("\(path): expected a number, got \(value)") }
        case "boolean":
            if !(value is Bool) && !(value is NSNumber) { found.append("\(path): expected a boolean, got \(value)") }
        default:
            break
        }
    }
}
