/// Cuts option text at a separator (`,` in `$expand`, `;` inside its parentheses) where it is not inside
/// parentheses or a quoted string, keeping each piece's 1-based position for errors.
enum STAOptionSplitter {
    static func split(_ text: Substring, on separator: Unicode.Scalar, option: String, offset: Int = 0) throws -> [(Substring, Int)] {
        var pieces: [(Substring, Int)] = []
        var depth = 0
        var quoted = false
        var start = text.startIndex
        var startPosition = offset + 1
        var position = offset
        var index = text.startIndex
        while index < text.endIndex {
            let c = text.unicodeScalars[index]
            position += 1
            if c == "'" {
                quoted.toggle()
            } else if !quoted {
                if c == "(" {
                    depth += 1
                } else if c == ")" {
                    depth -= 1
                    guard depth >= 0 else { throw STAQueryError(option, "')' without '('", at: position) }
                } else if c == separator, depth == 0 {
                    pieces.append((text[start..<index], startPosition))
                    start = text.unicodeScalars.index(after: index)
                    startPosition = position + 1
                }
            }
            index = text.unicodeScalars.index(after: index)
        }
        if quoted { throw STAQueryError(option, "unterminated string", at: position) }
        if depth > 0 { throw STAQueryError(option, "expected ')'", at: position + 1) }
        pieces.append((text[start..<text.endIndex], startPosition))
        return pieces
    }

    /// Without the blanks around it, and its position moved past the leading ones.
    static func trimmed(_ piece: (Substring, Int)) -> (Substring, Int) {
        var (text, position) = piece
        while let first = text.unicodeScalars.first, first.properties.isWhitespace {
            text = text.dropFirst()
            position += 1
        }
        while let last = text.unicodeScalars.last, last.properties.isWhitespace { text = text.dropLast() }
        return (text, position)
    }
}
