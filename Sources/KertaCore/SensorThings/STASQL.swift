/// A piece of SQL with its values kept apart from its text, to be appended to a statement the HTTP layer
/// builds and rendered once with the placeholders of its database.
public struct STASQL: Equatable, Sendable, ExpressibleByStringLiteral {
    public private(set) var parts: [Part]

    public init(parts: [Part] = []) {
        self.parts = []
        for part in parts { append(part) }
    }

    /// Kerta's own text; never a client's.
    public init(_ text: String) {
        self.init(parts: [.text(text)])
    }

    public init(stringLiteral text: String) {
        self.init(text)
    }

    public static func bind(_ value: STAValue) -> STASQL {
        STASQL(parts: [.bind(value)])
    }

    public var binds: [STAValue] {
        parts.compactMap { if case .bind(let value) = $0 { value } else { nil } }
    }

    public var isEmpty: Bool { parts.isEmpty }

    public mutating func append(_ part: Part) {
        if case .text(let text) = part {
            if text.isEmpty { return }
            if case .text(let previous)? = parts.last {
                parts[parts.count - 1] = .text(previous + text)
                return
            }
        }
        parts.append(part)
    }

    public mutating func append(_ other: STASQL) {
        for part in other.parts { append(part) }
    }

    public static func + (left: STASQL, right: STASQL) -> STASQL {
        var sum = left
        sum.append(right)
        return sum
    }

    public static func += (left: inout STASQL, right: STASQL) {
        left.append(right)
    }

    /// The parts joined with `separator`, as for an argument or ORDER BY list.
    public static func joined(_ pieces: [STASQL], separator: String) -> STASQL {
        var sum = STASQL()
        for (index, piece) in pieces.enumerated() {
            if index > 0 { sum.append(.text(separator)) }
            sum.append(piece)
        }
        return sum
    }

    /// The text with each bind replaced by `placeholder(n)`, n counted from `firstIndex`, so fragments can
    /// be numbered into a statement that already has parameters.
    public func text(placeholder: (Int) -> String, firstIndex: Int = 1) -> String {
        var text = ""
        var index = firstIndex
        for part in parts {
            switch part {
            case .text(let piece): text += piece
            case .bind:
                text += placeholder(index)
                index += 1
            }
        }
        return text
    }

    /// `?` for SQLite, `$1`, `$2`, … for PostgreSQL.
    public func text(for dialect: STASQLDialect, firstIndex: Int = 1) -> String {
        switch dialect {
        case .sqlite: text(placeholder: { _ in "?" }, firstIndex: firstIndex)
        case .postgres: text(placeholder: { "$\($0)" }, firstIndex: firstIndex)
        }
    }
}
