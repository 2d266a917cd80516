import Foundation

/// Splits `$filter`/`$orderby` text into tokens, reading every literal form here so the parser sees
/// values, never raw text.
struct STAFilterLexer {
    private let scalars: [Unicode.Scalar]
    private let option: String
    private var index = 0

    init(_ text: String, option: String) {
        scalars = Array(text.unicodeScalars)
        self.option = option
    }

    static func tokens(_ text: String, option: String) throws -> [STAFilterToken] {
        var lexer = STAFilterLexer(text, option: option)
        var tokens: [STAFilterToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private func error(_ problem: String, at position: Int) -> STAQueryError {
        STAQueryError(option, problem, at: position + 1)
    }

    private static func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { $0 >= "0" && $0 <= "9" } ?? false }
    private static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || c == "@"
    }
    private static func isNamePart(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || isDigit(c) || c == "." }

    private mutating func next() throws -> STAFilterToken {
        while let c = peek(), c.properties.isWhitespace { index += 1 }
        let start = index
        guard let c = peek() else { return STAFilterToken(kind: .end, position: start + 1) }
        func token(_ kind: STAFilterToken.Kind, length: Int = 1) -> STAFilterToken {
            index += length
            return STAFilterToken(kind: kind, position: start + 1)
        }
        switch c {
        case "(": return token(.open)
        case ")": return token(.close)
        case ",": return token(.comma)
        case "/": return token(.slash)
        case "-": return token(.minus)
        case "'": return STAFilterToken(kind: .literal(.string(try string())), position: start + 1)
        default: break
        }
        if Self.isDigit(c) {
            return STAFilterToken(kind: .literal(try numberOrTime()), position: start + 1)
        }
        guard Self.isNameStart(c) else { throw error("unexpected character '\(c)'", at: start) }
        while let c = peek(), Self.isNamePart(c) { index += 1 }
        let name = String(String.UnicodeScalarView(scalars[start..<index]))
        if peek() == "'" {
            switch name.lowercased() {
            case "geography", "geometry":
                let wkt = try string()
                return STAFilterToken(kind: .literal(.geometry(wkt: wkt, geography: name.lowercased() == "geography")), position: start + 1)
            case "duration":
                throw error("duration literals are not supported", at: start)
            default:
                throw error("unknown literal type '\(name)'", at: start)
            }
        }
        switch name {
        case "null": return STAFilterToken(kind: .literal(.null), position: start + 1)
        case "true": return STAFilterToken(kind: .literal(.bool(true)), position: start + 1)
        case "false": return STAFilterToken(kind: .literal(.bool(false)), position: start + 1)
        default: return STAFilterToken(kind: .name(name), position: start + 1)
        }
    }

    /// A quoted string; `''` stands for one quote.
    private mutating func string() throws -> String {
        let start = index
        index += 1
        var text = String.UnicodeScalarView()
        while true {
            guard let c = peek() else { throw error("unterminated string", at: start) }
            index += 1
            if c == "'" {
                if peek() == "'" { text.append("'"); index += 1 } else { break }
            } else {
                text.append(c)
            }
        }
        return String(text)
    }

    private mutating func digits(max: Int = .max) -> (String, Int) {
        let start = index
        while Self.isDigit(peek()), index - start < max { index += 1 }
        return (String(String.UnicodeScalarView(scalars[start..<index])), index - start)
    }

    /// What starts with a digit: a number, a date, a date-time or a time of day, told apart by their shape.
    private mutating func numberOrTime() throws -> STALiteral {
        let start = index
        if (0..<4).allSatisfy({ Self.isDigit(peek($0)) }), peek(4) == "-", Self.isDigit(peek(5)) {
            return try dateOrDateTime()
        }
        if Self.isDigit(peek(1)), peek(2) == ":" {
            let (hour, minute, second, fraction) = try clock(at: start)
            return .timeOfDay(String(format: "%02d:%02d:%02d", hour, minute, second) + (fraction.map { "." + $0 } ?? ""))
        }
        let (whole, _) = digits()
        var text = whole
        var decimal = false
        if peek() == ".", Self.isDigit(peek(1)) {
            index += 1
            text += "." + digits().0
            decimal = true
        }
        if let e = peek(), e == "e" || e == "E" {
            var sign = ""
            var offset = 1
            if let s = peek(1), s == "+" || s == "-" { sign = String(s); offset = 2 }
            if Self.isDigit(peek(offset)) {
                index += offset
                text += "e" + sign + digits().0
                decimal = true
            }
        }
        if let c = peek(), Self.isNamePart(c) { throw error("malformed number", at: start) }
        if !decimal, let value = Int64(text) { return .int(value) }
        guard let value = Double(text), value.isFinite else { throw error("number out of range", at: start) }
        return .double(value)
    }

    private mutating func dateOrDateTime() throws -> STALiteral {
        let start = index
        let (y, _) = digits(max: 4)
        index += 1
        let (m, ml) = digits(max: 2)
        guard ml == 2, peek() == "-" else { throw error("malformed date, expected YYYY-MM-DD", at: start) }
        index += 1
        let (d, dl) = digits(max: 2)
        guard dl == 2, let year = Int(y), let month = Int(m), let day = Int(d) else {
            throw error("malformed date, expected YYYY-MM-DD", at: start)
        }
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else {
            throw error("no such day \(y)-\(m)-\(d)", at: start)
        }
        guard peek() == "T" else {
            if let c = peek(), Self.isNamePart(c) || c == ":" { throw error("malformed date", at: start) }
            return .date(year: year, month: month, day: day)
        }
        index += 1
        let (hour, minute, second, fraction) = try clock(at: start)
        var offsetMinutes = 0
        switch peek() {
        case "Z", "z":
            index += 1
        case "+", "-":
            let negative = peek() == "-"
            index += 1
            let (oh, ohl) = digits(max: 2)
            guard ohl == 2, peek() == ":" else { throw error("malformed time zone offset, expected ±HH:MM", at: start) }
            index += 1
            let (om, oml) = digits(max: 2)
            guard oml == 2, let h = Int(oh), let m = Int(om), h <= 23, m <= 59 else {
                throw error("malformed time zone offset, expected ±HH:MM", at: start)
            }
            offsetMinutes = (h * 60 + m) * (negative ? -1 : 1)
        default:
            throw error("a date-time needs a time zone (Z or ±HH:MM)", at: start)
        }
        if let c = peek(), Self.isNamePart(c) { throw error("malformed date-time", at: start) }
        let days = Self.daysSinceEpoch(year: year, month: month, day: day)
        var seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60)
        if let fraction { seconds += Double("0." + fraction) ?? 0 }
        return .dateTime(Date(timeIntervalSince1970: seconds))
    }

    /// `HH:MM[:SS[.fff]]`, checked for range.
    private mutating func clock(at start: Int) throws -> (Int, Int, Int, String?) {
        let (h, hl) = digits(max: 2)
        guard hl == 2, peek() == ":" else { throw error("malformed time, expected HH:MM:SS", at: start) }
        index += 1
        let (m, ml) = digits(max: 2)
        guard ml == 2 else { throw error("malformed time, expected HH:MM:SS", at: start) }
        var s = "0", fraction: String?
        if peek() == ":" {
            index += 1
            let (sd, sl) = digits(max: 2)
            guard sl == 2 else { throw error("malformed time, expected HH:MM:SS", at: start) }
            s = sd
            if peek() == ".", Self.isDigit(peek(1)) {
                index += 1
                fraction = digits().0
            }
        }
        guard let hour = Int(h), let minute = Int(m), let second = Int(s), hour <= 23, minute <= 59, second <= 59 else {
            throw error("no such time of day", at: start)
        }
        return (hour, minute, second, fraction)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's `days_from_civil`),
    /// so literals need no Calendar and no time zone database.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
