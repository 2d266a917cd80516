/// A SensorThings resource path after `/sta/v1.1/`, checked against the schema: `Things(1)/Datastreams`,
/// `Observations(3)/Datastream/Thing`, `Things(1)/name/$value`, `Things(1)/Locations/$ref`.
public struct STAPath: Sendable, Hashable {
    public let segments: [STAPathSegment]
    /// A property named after the last entity (`Things(1)/name`).
    public let property: STAProperty?
    /// `$value` after the property: the raw value rather than a JSON object.
    public let value: Bool
    /// `$ref` at the end: links (`@iot.selfLink`) rather than entities.
    public let ref: Bool

    /// The entity the path addresses at its end.
    public var entity: STAEntityType { segments[segments.count - 1].entity }

    /// Whether the path ends in many entities (a property of one is never a collection).
    public var isCollection: Bool { property == nil && segments[segments.count - 1].isCollection }

    static let option = "path"

    /// Throws ``STAQueryError`` with option `path` for anything that is not a path Kerta answers.
    public init(parsing text: String) throws {
        var rest = Substring(text)
        if rest.hasPrefix("/") { rest = rest.dropFirst() }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.isEmpty else { throw STAQueryError(Self.option, "is empty; name an entity set such as Things") }
        var segments: [STAPathSegment] = []
        var property: STAProperty?
        var value = false, ref = false
        var position = text.hasPrefix("/") ? 2 : 1
        for part in rest.split(separator: "/", omittingEmptySubsequences: false) {
            let at = position
            position += part.unicodeScalars.count + 1
            guard !part.isEmpty else { throw STAQueryError(Self.option, "empty segment", at: at) }
            if value || ref { throw STAQueryError(Self.option, "nothing may follow \(ref ? "$ref" : "$value")", at: at) }
            if part == "$value" {
                guard property != nil else { throw STAQueryError(Self.option, "$value follows a property", at: at) }
                value = true
                continue
            }
            if part == "$ref" {
                guard property == nil else { throw STAQueryError(Self.option, "$ref follows entities, not a property", at: at) }
                ref = true
                continue
            }
            if let property {
                throw STAQueryError(Self.option, "'\(property.name)' has no members to address", at: at)
            }
            let (name, id) = try Self.split(part, at: at)
            guard let last = segments.last else {
                guard let entity = STAEntityType(setName: name) else {
                    throw STAQueryError(Self.option, "unknown entity set '\(name)'", at: at)
                }
                segments.append(STAPathSegment(name: name, entity: entity, navigation: nil, id: id))
                continue
            }
            if last.isCollection {
                throw STAQueryError(Self.option, "'\(name)' needs one \(last.entity.singularName); give an id to '\(last.name)'", at: at)
            }
            if let navigation = last.entity.navigation(named: name) {
                if !navigation.toMany, id != nil {
                    throw STAQueryError(Self.option, "'\(name)' leads to one \(navigation.target.singularName) and takes no id", at: at)
                }
                segments.append(STAPathSegment(name: name, entity: navigation.target, navigation: navigation, id: id))
            } else if let found = last.entity.property(named: name), id == nil {
                property = found
            } else {
                throw STAQueryError(Self.option, "unknown property or navigation '\(name)' of \(last.entity.singularName)", at: at)
            }
        }
        guard !segments.isEmpty else { throw STAQueryError(Self.option, "begins with an entity set such as Things", at: 1) }
        self.segments = segments
        self.property = property
        self.value = value
        self.ref = ref
    }

    /// `Things(1)` → ("Things", 1); `Things('1')` is taken as well since some clients quote every key.
    private static func split(_ part: Substring, at position: Int) throws -> (String, Int64?) {
        guard let open = part.firstIndex(of: "(") else {
            if part.contains(")") { throw STAQueryError(option, "')' without '('", at: position) }
            return (String(part), nil)
        }
        let name = String(part[..<open])
        guard !name.isEmpty else { throw STAQueryError(option, "an id follows a name", at: position) }
        guard part.hasSuffix(")") else { throw STAQueryError(option, "expected ')' after the id of '\(name)'", at: position) }
        var key = part[part.index(after: open)..<part.index(before: part.endIndex)]
        if key.count >= 2, key.hasPrefix("'"), key.hasSuffix("'") { key = key.dropFirst().dropLast() }
        guard !key.isEmpty, key.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let id = Int64(key) else {
            throw STAQueryError(option, "the id of '\(name)' must be a non-negative integer", at: position + name.unicodeScalars.count + 1)
        }
        return (name, id)
    }
}
