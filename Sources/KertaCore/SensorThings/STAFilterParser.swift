/// Reads `$filter` and `$orderby` expressions with OData 4's precedence, resolving every property path
/// against the entity the option applies to.
///
/// Recursion is bounded: parentheses, calls and unary operators may nest ``maxNesting`` deep and the tree
/// may be ``maxHeight`` tall (a long `or` chain grows it too), so no input can exhaust the stack here or
/// in whatever walks the tree later.
public struct STAFilterParser: Sendable {
    public static let maxNesting = 64
    public static let maxHeight = 256

    public let entity: STAEntityType
    /// The option named in errors: `$filter`, `$orderby`, `$expand/Datastreams/$filter`.
    public let option: String

    public init(entity: STAEntityType, option: String = "$filter") {
        self.entity = entity
        self.option = option
    }

    public func parseFilter(_ text: String) throws -> STAExpression {
        var state = try State(text, parser: self)
        guard state.current.kind != .end else { throw STAQueryError(option, "is empty") }
        let (expression, _) = try state.or()
        try state.expectEnd()
        return expression
    }

    /// `phenomenonTime desc,id asc`: comma-separated expressions, each with an optional direction.
    public func parseOrderBy(_ text: String) throws -> [STAOrderItem] {
        var state = try State(text, parser: self)
        guard state.current.kind != .end else { throw STAQueryError(option, "is empty") }
        var items: [STAOrderItem] = []
        while true {
            let (expression, _) = try state.or()
            var descending = false
            if case .name(let word) = state.current.kind, ["asc", "desc"].contains(word.lowercased()) {
                descending = word.lowercased() == "desc"
                state.advance()
            }
            items.append(STAOrderItem(expression, descending: descending))
            switch state.current.kind {
            case .comma: state.advance()
            case .end: return items
            default: throw state.error("expected ',', 'asc', 'desc' or the end, found \(state.current.describe)")
            }
        }
    }

    private struct State {
        let parser: STAFilterParser
        let tokens: [STAFilterToken]
        var index = 0
        var nesting = 0

        init(_ text: String, parser: STAFilterParser) throws {
            self.parser = parser
            tokens = try STAFilterLexer.tokens(text, option: parser.option)
        }

        var current: STAFilterToken { tokens[index] }
        var next: STAFilterToken { tokens[min(index + 1, tokens.count - 1)] }
        mutating func advance() { if index < tokens.count - 1 { index += 1 } }

        func error(_ problem: String, at token: STAFilterToken? = nil) -> STAQueryError {
            STAQueryError(parser.option, problem, at: (token ?? current).position)
        }

        mutating func expectEnd() throws {
            guard current.kind == .end else { throw error("unexpected \(current.describe)") }
        }

        /// The operator word at the current token, when it is one of `operators`.
        func binaryOperator(in level: Int) -> STABinaryOperator? {
            guard case .name(let word) = current.kind, let op = STABinaryOperator(rawValue: word.lowercased()),
                  op.precedence == level else { return nil }
            return op
        }

        mutating func combine(_ op: STABinaryOperator, _ left: (STAExpression, Int), _ right: (STAExpression, Int),
                              at token: STAFilterToken) throws -> (STAExpression, Int) {
            let height = max(left.1, right.1) + 1
            guard height <= STAFilterParser.maxHeight else {
                throw error("expression too complex (more than \(STAFilterParser.maxHeight) levels)", at: token)
            }
            return (.binary(op, left.0, right.0), height)
        }

        mutating func level(_ precedence: Int) throws -> (STAExpression, Int) {
            guard precedence <= 5 else { return try unary() }
            var left = try level(precedence + 1)
            while let op = binaryOperator(in: precedence) {
                let token = current
                advance()
                let right = try level(precedence + 1)
                left = try combine(op, left, right, at: token)
            }
            return left
        }

        mutating func or() throws -> (STAExpression, Int) { try level(1) }

        mutating func enter() throws {
            nesting += 1
            guard nesting <= STAFilterParser.maxNesting else {
                throw error("nested more than \(STAFilterParser.maxNesting) levels")
            }
        }

        mutating func unary() throws -> (STAExpression, Int) {
            if case .name(let word) = current.kind, word.lowercased() == "not", next.kind != .slash {
                try enter()
                advance()
                let (operand, height) = try unary()
                nesting -= 1
                return (.unary(.not, operand), height + 1)
            }
            if current.kind == .minus {
                try enter()
                advance()
                let (operand, height) = try unary()
                nesting -= 1
                switch operand {
                case .literal(.int(let value)): return (.literal(.int(-value)), height)
                case .literal(.double(let value)): return (.literal(.double(-value)), height)
                default: return (.unary(.negate, operand), height + 1)
                }
            }
            return try primary()
        }

        mutating func primary() throws -> (STAExpression, Int) {
            let token = current
            switch token.kind {
            case .open:
                try enter()
                advance()
                let inner = try or()
                guard current.kind == .close else { throw error("expected ')', found \(current.describe)") }
                advance()
                nesting -= 1
                return inner
            case .literal(let literal):
                advance()
                return (.literal(literal), 1)
            case .name(let name):
                if next.kind == .open { return try call(name, at: token) }
                if let op = STABinaryOperator(rawValue: name.lowercased()) {
                    throw error("expected an operand, found the operator '\(op.rawValue)'")
                }
                return (.property(try path()), 1)
            case .end:
                throw error("expected an operand, found the end")
            default:
                throw error("expected an operand, found \(token.describe)")
            }
        }

        mutating func call(_ name: String, at token: STAFilterToken) throws -> (STAExpression, Int) {
            guard let function = STAFunction(rawValue: name.lowercased()) else {
                throw error("unknown function '\(name)'", at: token)
            }
            try enter()
            advance() // the name
            advance() // (
            var arguments: [STAExpression] = []
            var height = 0
            if current.kind != .close {
                while true {
                    let (argument, h) = try or()
                    arguments.append(argument)
                    height = max(height, h)
                    if current.kind == .comma { advance(); continue }
                    guard current.kind == .close else { throw error("expected ',' or ')' in \(function.rawValue)(…), found \(current.describe)") }
                    break
                }
            }
            advance()
            nesting -= 1
            let arity = function.arity
            guard arity.contains(arguments.count) else {
                let takes = arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity.lowerBound) or \(arity.upperBound)"
                throw error("\(function.rawValue) takes \(takes) argument\(arity.upperBound == 1 ? "" : "s"), not \(arguments.count)", at: token)
            }
            guard height + 1 <= STAFilterParser.maxHeight else {
                throw error("expression too complex (more than \(STAFilterParser.maxHeight) levels)", at: token)
            }
            return (.function(function, arguments), height + 1)
        }

        /// `Datastream/Thing/name`, `properties/owner/name`: to-one navigations, then a property, then members.
        mutating func path() throws -> STAPropertyPath {
            var names: [(String, STAFilterToken)] = []
            while true {
                guard case .name(let name) = current.kind else {
                    throw error("expected a name after '/', found \(current.describe)")
                }
                names.append((name, current))
                advance()
                guard current.kind == .slash else { break }
                advance()
            }
            var entity = parser.entity
            var navigations: [STANavigation] = []
            for (offset, (name, token)) in names.enumerated() {
                if let navigation = entity.navigation(named: name) {
                    guard !navigation.toMany else {
                        throw error("'\(name)' of \(entity.singularName) leads to many entities and cannot be compared; filter on \(navigation.target.setName) instead", at: token)
                    }
                    navigations.append(navigation)
                    entity = navigation.target
                    continue
                }
                guard let property = entity.property(named: name) else {
                    throw error("unknown property '\(name)' of \(entity.singularName)", at: token)
                }
                let members = names[(offset + 1)...]
                if let (member, memberToken) = members.first, !property.hasMembers {
                    throw error("'\(property.name)' of \(entity.singularName) has no member '\(member)'", at: memberToken)
                }
                if let bad = members.first(where: { $0.0.contains("\"") }) {
                    throw error("a member name may not contain '\"'", at: bad.1)
                }
                return STAPropertyPath(navigations: navigations, property: property, members: members.map(\.0))
            }
            let last = names[names.count - 1]
            throw error("'\(last.0)' is a navigation; name a property of \(entity.singularName) after it", at: last.1)
        }
    }
}
