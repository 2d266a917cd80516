/// The system query options of a SensorThings request, read and checked against the entity they apply to
/// (nested `$expand` options against their own entity), so the SQL built from them names only real columns.
public struct STAQueryOptions: Sendable, Hashable {
    public static let defaultTop = 100
    /// A client asking for more gets an error rather than a silently shorter page.
    public static let maxTop = 10_000
    /// `$expand` nesting, counted per navigation (`Datastreams/Observations` is two).
    public static let maxExpandDepth = 16

    public let entity: STAEntityType
    public var filter: STAExpression?
    public var expand: [STAExpandItem] = []
    /// Empty when `$select` is absent: every property.
    public var select: [STASelectItem] = []
    public var orderBy: [STAOrderItem] = []
    public var top: Int = STAQueryOptions.defaultTop
    public var skip: Int = 0
    public var count = false
    public var resultFormat: STAResultFormat?
    /// `$id`, the entity a `…/$ref` DELETE unlinks, as given.
    public var id: String?

    public init(entity: STAEntityType) {
        self.entity = entity
    }

    /// Reads percent-decoded query items. Keys without `$` are the caller's and are ignored; unknown `$`
    /// options are refused. Option names are matched regardless of case (`$orderBy` as `$orderby`).
    public init(parsing items: [String: String], entity: STAEntityType) throws {
        try self.init(items: items.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                      entity: entity, prefix: "", depth: 0)
    }

    private static let names = ["$filter", "$expand", "$select", "$orderby", "$top", "$skip", "$count", "$resultFormat", "$id"]

    private init(items: [(String, String)], entity: STAEntityType, prefix: String, depth: Int) throws {
        self.entity = entity
        var seen: Set<String> = []
        for (key, value) in items where key.hasPrefix("$") {
            guard let name = Self.names.first(where: { $0.lowercased() == key.lowercased() }) else {
                throw STAQueryError(prefix + key, "unknown query option; known: " + Self.names.joined(separator: ", "))
            }
            let option = prefix + name
            guard seen.insert(name).inserted else { throw STAQueryError(option, "is given twice") }
            switch name {
            case "$filter":
                filter = try STAFilterParser(entity: entity, option: option).parseFilter(value)
            case "$orderby":
                orderBy = try STAFilterParser(entity: entity, option: option).parseOrderBy(value)
            case "$select":
                select = try Self.select(value, entity: entity, option: option)
            case "$expand":
                expand = try Self.expand(value, entity: entity, option: option, prefix: prefix, depth: depth)
            case "$top":
                guard let top = Self.integer(value), top <= Self.maxTop else {
                    throw STAQueryError(option, "must be an integer from 0 to \(Self.maxTop)")
                }
                self.top = top
            case "$skip":
                guard let skip = Self.integer(value) else { throw STAQueryError(option, "must be a non-negative integer") }
                self.skip = skip
            case "$count":
                switch value {
                case "true": count = true
                case "false": count = false
                default: throw STAQueryError(option, "must be true or false")
                }
            case "$resultFormat":
                guard let format = STAResultFormat(rawValue: value) else {
                    throw STAQueryError(option, "only dataArray is supported")
                }
                guard prefix.isEmpty else { throw STAQueryError(option, "applies to the request, not inside $expand") }
                resultFormat = format
            default: // $id
                guard prefix.isEmpty else { throw STAQueryError(option, "applies to the request, not inside $expand") }
                id = value
            }
        }
    }

    /// Digits only: no sign, no blanks, no `1e3`.
    private static func integer(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }

    private static func select(_ text: String, entity: STAEntityType, option: String) throws -> [STASelectItem] {
        var items: [STASelectItem] = []
        for piece in try STAOptionSplitter.split(Substring(text), on: ",", option: option) {
            let (name, position) = STAOptionSplitter.trimmed(piece)
            guard !name.isEmpty else { throw STAQueryError(option, "expected a property name", at: position) }
            let item: STASelectItem
            if let property = entity.property(named: String(name)) {
                item = .property(property)
            } else if let navigation = entity.navigation(named: String(name)) {
                item = .navigation(navigation)
            } else {
                throw STAQueryError(option, "unknown property '\(name)' of \(entity.singularName)", at: position)
            }
            if !items.contains(item) { items.append(item) }
        }
        return items
    }

    private static func expand(_ text: String, entity: STAEntityType, option: String, prefix: String, depth: Int) throws -> [STAExpandItem] {
        var items: [STAExpandItem] = []
        for piece in try STAOptionSplitter.split(Substring(text), on: ",", option: option) {
            let (itemText, position) = STAOptionSplitter.trimmed(piece)
            guard !itemText.isEmpty else { throw STAQueryError(option, "expected a navigation name", at: position) }
            var pathText = itemText
            var nestedText: Substring?
            if let open = itemText.firstIndex(of: "(") {
                guard itemText.hasSuffix(")") else {
                    throw STAQueryError(option, "nothing may follow the options of '\(itemText[..<open])'", at: position)
                }
                pathText = itemText[..<open]
                nestedText = itemText[itemText.index(after: open)..<itemText.index(before: itemText.endIndex)]
            }
            var navigations: [STANavigation] = []
            var current = entity
            var segmentPosition = position
            for name in pathText.split(separator: "/", omittingEmptySubsequences: false) {
                guard let navigation = current.navigation(named: String(name)) else {
                    let problem = name.isEmpty ? "expected a navigation name"
                        : "unknown navigation '\(name)' of \(current.singularName)"
                    throw STAQueryError(option, problem, at: segmentPosition)
                }
                navigations.append(navigation)
                current = navigation.target
                segmentPosition += name.unicodeScalars.count + 1
            }
            guard depth + navigations.count <= maxExpandDepth else {
                throw STAQueryError(option, "nested more than \(maxExpandDepth) levels", at: position)
            }
            let nestedPrefix = prefix + "$expand/" + navigations.map(\.name).joined(separator: "/") + "/"
            var options = STAQueryOptions(entity: current)
            if let nestedText {
                let optionsOffset = position + pathText.unicodeScalars.count
                var nestedItems: [(String, String)] = []
                for piece in try STAOptionSplitter.split(nestedText, on: ";", option: option, offset: optionsOffset) {
                    let (assignment, at) = STAOptionSplitter.trimmed(piece)
                    if assignment.isEmpty { continue }
                    guard let equals = assignment.firstIndex(of: "="), assignment.hasPrefix("$") else {
                        throw STAQueryError(option, "expected $option=value inside the parentheses of '\(pathText)'", at: at)
                    }
                    nestedItems.append((String(assignment[..<equals]), String(assignment[assignment.index(after: equals)...])))
                }
                options = try STAQueryOptions(items: nestedItems, entity: current, prefix: nestedPrefix,
                                              depth: depth + navigations.count)
            }
            for navigation in navigations.dropFirst().reversed() {
                options = STAQueryOptions(entity: navigation.source, expanding: STAExpandItem(navigation: navigation, options: options))
            }
            try merge(STAExpandItem(navigation: navigations[0], options: options), into: &items, option: option, at: position)
        }
        return items
    }

    private init(entity: STAEntityType, expanding item: STAExpandItem) {
        self.init(entity: entity)
        expand = [item]
    }

    /// `Datastreams/Observations,Datastreams/Sensor` expands Datastreams once, with both inside.
    private static func merge(_ item: STAExpandItem, into items: inout [STAExpandItem], option: String, at position: Int) throws {
        guard let index = items.firstIndex(where: { $0.navigation == item.navigation }) else {
            items.append(item)
            return
        }
        var existing = items[index]
        if item.options.hasOwnOptions {
            guard !existing.options.hasOwnOptions else {
                throw STAQueryError(option, "'\(item.navigation.name)' is expanded twice with options", at: position)
            }
            let inner = existing.options.expand
            existing.options = item.options
            existing.options.expand = inner
        }
        for nested in item.options.expand {
            try merge(nested, into: &existing.options.expand, option: option, at: position)
        }
        items[index] = existing
    }

    /// Whether anything besides `$expand` differs from the defaults.
    var hasOwnOptions: Bool {
        filter != nil || !select.isEmpty || !orderBy.isEmpty || top != Self.defaultTop || skip != 0 || count
    }
}
