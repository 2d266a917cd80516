import Foundation

/// An expression half-compiled: its SQL when that is fixed, or what it refers to when its SQL depends on
/// what it is compared with (a JSON member read as a number or as text, a date literal as a day or as
/// midnight).
enum STASQLOperand {
    enum Kind: Equatable {
        case bool, integer, decimal, string, datetime, day, timeOfDay, geometry

        var isNumber: Bool { self == .integer || self == .decimal }

        var name: String {
            switch self {
            case .bool: "a condition"
            case .integer: "an integer"
            case .decimal: "a number"
            case .string: "a string"
            case .datetime: "a date-time"
            case .day: "a date"
            case .timeOfDay: "a time of day"
            case .geometry: "a geometry"
            }
        }
    }

    case value(STASQL, Kind)
    case null
    /// A member of a JSON column, or the whole column when `members` is empty.
    case member(STASQLReference, column: String, members: [String])
    /// An observation's `result`: `result_number` as a number, the JSON text otherwise.
    case result(STASQLReference)
    case dateTimeLiteral(Date)
    case dayLiteral(year: Int, month: Int, day: Int)
    case timeLiteral(String)
    case geometryColumn(STASQL)
    case geometryLiteral(String)

    /// The kind it must be, or `nil` for a JSON value that takes the kind of what it meets.
    var fixedKind: Kind? {
        switch self {
        case .value(_, let kind): kind
        case .null, .member, .result: nil
        case .dateTimeLiteral: .datetime
        case .dayLiteral: .day
        case .timeLiteral: .timeOfDay
        case .geometryColumn, .geometryLiteral: .geometry
        }
    }

    var isFlexible: Bool {
        switch self {
        case .member, .result: true
        default: false
        }
    }

    var isLiteral: Bool {
        switch self {
        case .dateTimeLiteral, .dayLiteral, .timeLiteral: true
        default: false
        }
    }

    var name: String {
        switch self {
        case .null: "null"
        case .member: "a JSON value"
        case .result: "a result"
        default: fixedKind?.name ?? "a value"
        }
    }
}
