/// A word of the expression language with where it starts (1-based), so errors can point at it.
struct STAFilterToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A name: a property, an operator word, a function, `asc`/`desc`.
        case name(String)
        case literal(STALiteral)
        case open, close, comma, slash, minus
        case end
    }

    let kind: Kind
    let position: Int

    var describe: String {
        switch kind {
        case .name(let name): "'\(name)'"
        case .literal: "a literal"
        case .open: "'('"
        case .close: "')'"
        case .comma: "','"
        case .slash: "'/'"
        case .minus: "'-'"
        case .end: "the end"
        }
    }
}
