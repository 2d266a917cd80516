import Foundation

/// Turns parsed `$filter` and `$orderby` expressions into SQL over Kerta's SensorThings tables, for SQLite
/// or PostgreSQL. Text comes only from the schema and from Kerta; every value a client wrote is a bind.
///
/// Conventions the HTTP layer relies on:
/// - A property through to-one navigations is a correlated scalar subquery; through a to-many one it is
///   refused (OData's `any`/`all` are not supported).
/// - JSON members (`properties/owner/name`, `unitOfMeasurement/symbol`, `result/x`) are read with
///   `json_extract(col, ?)` on SQLite (the path `$."owner"."name"` bound) and with
///   `jsonb_extract_path_text(col::jsonb, ?, ?)` on PostgreSQL (each member bound). Met with a number, a
///   member is a number only when it is a JSON number (SQLite `json_type`, PostgreSQL `jsonb_typeof`, and
///   there at most 40 characters long before the cast to `double precision`), NULL otherwise, so
///   `properties/x gt 5` never raises on text.
/// - `result` met with a number reads `result_number`; with anything else its JSON text
///   (`json_extract(result, '$')`, `(result::jsonb #>> '{}')`); `$orderby=result` orders by
///   `result_number` and then by the JSON value.
/// - Geo functions on SQLite call `kerta_geo(name, a, b)`, a function the HTTP layer installs: `name` is
///   the OData name (`'st_within'`, `'geo.distance'`), and `a` and `b` are each either a geometry column's
///   bare GeoJSON text (it starts with `{`) or a bound literal `'WKT:'` + the WKT as written (geography and
///   geometry alike, both lon/lat). It answers 1 or 0 for the predicates, the distance for `geo.distance`,
///   the length of `a` for `geo.length` (`b` is NULL); `st_relate` passes its pattern as a fourth argument.
///   On PostgreSQL they need PostGIS: `ST_Within(ST_SetSRID(ST_GeomFromGeoJSON(col), 4326),
///   ST_GeomFromText(?, 4326))`; distances and lengths are in degrees.
/// - `eq null` is `IS NULL`; `ne` is `<>`, so a NULL never equals nor differs from a value.
/// - Dates bind as ``STAValue/date(_:)``; an interval property compares and orders by its start.
public struct STASQLCompiler: Sendable {
    public let dialect: STASQLDialect
    /// What `now()` means, bound so a query's result does not depend on when the database evaluates it.
    public let now: Date

    /// Beyond the parser's own bound, for trees built by hand.
    static let maxDepth = 2 * STAFilterParser.maxHeight

    public init(dialect: STASQLDialect, now: Date = Date()) {
        self.dialect = dialect
        self.now = now
    }

    /// A boolean condition over rows of `entity`'s table aliased `alias`.
    public func condition(_ expression: STAExpression, entity: STAEntityType, alias: String,
                          option: String = "$filter") throws -> STASQL {
        let context = try Context(compiler: self, entity: entity, alias: alias, option: option)
        let operand = try context.compile(expression, depth: 0)
        guard let sql = try context.asBool(operand) else {
            throw context.error("must be a condition, not \(operand.name)")
        }
        return sql
    }

    /// The ORDER BY list without the keywords, so the caller can append `, alias.id` for a stable order.
    /// On PostgreSQL the keys carry `NULLS FIRST`/`NULLS LAST`, so an index meant to serve one must be built so.
    public func orderBy(_ items: [STAOrderItem], entity: STAEntityType, alias: String,
                        option: String = "$orderby") throws -> STASQL {
        let context = try Context(compiler: self, entity: entity, alias: alias, option: option)
        var keys: [STASQL] = []
        for item in items {
            // OData orders null before every value; SQLite does so already, PostgreSQL must be told.
            let direction = switch (item.descending, dialect) {
            case (false, .sqlite): " ASC"
            case (true, .sqlite): " DESC"
            case (false, .postgres): " ASC NULLS FIRST"
            case (true, .postgres): " DESC NULLS LAST"
            }
            for key in try context.orderKeys(try context.compile(item.expression, depth: 0)) {
                keys.append(key + STASQL(direction))
            }
        }
        return STASQL.joined(keys, separator: ", ")
    }

    private struct Context {
        let compiler: STASQLCompiler
        let entity: STAEntityType
        let alias: String
        let option: String

        init(compiler: STASQLCompiler, entity: STAEntityType, alias: String, option: String) throws {
            self.compiler = compiler
            self.entity = entity
            self.alias = alias
            self.option = option
            let scalars = alias.unicodeScalars
            let letter: (Unicode.Scalar) -> Bool = { $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
            guard let first = scalars.first, letter(first), scalars.allSatisfy({ letter($0) || ("0"..."9").contains($0) })
            else { throw STAQueryError(option, "the table alias '\(alias)' is not a plain identifier") }
        }

        var sqlite: Bool { compiler.dialect == .sqlite }

        func error(_ problem: String) -> STAQueryError { STAQueryError(option, problem) }

        // MARK: The tree

        func compile(_ expression: STAExpression, depth: Int) throws -> STASQLOperand {
            guard depth <= STASQLCompiler.maxDepth else { throw error("expression nested too deeply") }
            switch expression {
            case .literal(let literal):
                return literalOperand(literal)
            case .property(let path):
                return try property(path)
            case .unary(.not, let inner):
                let operand = try compile(inner, depth: depth + 1)
                guard let sql = try asBool(operand) else { throw error("'not' needs a condition, not \(operand.name)") }
                return .value("(NOT " + sql + ")", .bool)
            case .unary(.negate, let inner):
                let operand = try compile(inner, depth: depth + 1)
                guard let (sql, kind) = try asNumber(operand) else { throw error("'-' needs a number, not \(operand.name)") }
                return .value("(-" + sql + ")", kind)
            case .binary(let op, let left, let right):
                let l = try compile(left, depth: depth + 1), r = try compile(right, depth: depth + 1)
                if op.isLogical { return try logical(op, l, r) }
                if op.isComparison { return try comparison(op, l, r) }
                return try arithmetic(op, l, r)
            case .function(let function, let arguments):
                guard function.arity.contains(arguments.count) else {
                    throw error("\(function.rawValue) takes \(function.arity.lowerBound)…\(function.arity.upperBound) arguments, not \(arguments.count)")
                }
                return try call(function, try arguments.map { try compile($0, depth: depth + 1) })
            }
        }

        func literalOperand(_ literal: STALiteral) -> STASQLOperand {
            switch literal {
            case .null: .null
            case .bool(let value): .value(.bind(.bool(value)), .bool)
            case .int(let value): .value(.bind(.int(value)), .integer)
            case .double(let value): .value(.bind(.double(value)), .decimal)
            case .string(let value): .value(.bind(.string(value)), .string)
            case .dateTime(let value): .dateTimeLiteral(value)
            case .date(let year, let month, let day): .dayLiteral(year: year, month: month, day: day)
            case .timeOfDay(let value): .timeLiteral(value)
            case .geometry(let wkt, _): .geometryLiteral(wkt)
            }
        }

        func property(_ path: STAPropertyPath) throws -> STASQLOperand {
            var current = entity
            for navigation in path.navigations {
                guard navigation.source == current, current.navigation(named: navigation.name) == navigation else {
                    throw error("'\(navigation.name)' is not a navigation of \(current.singularName)")
                }
                guard !navigation.toMany else {
                    throw error("'\(navigation.name)' of \(current.singularName) leads to many entities and cannot be compared")
                }
                current = navigation.target
            }
            guard current.properties.contains(path.property) else {
                throw error("unknown property '\(path.property.name)' of \(current.singularName)")
            }
            let reference = STASQLReference(alias: alias, navigations: path.navigations)
            let property = path.property
            guard path.members.isEmpty || property.hasMembers else {
                throw error("'\(property.name)' of \(current.singularName) has no members")
            }
            let column = reference.wrap(reference.column(property.column))
            switch property.kind {
            case .id: return .value(column, .integer)
            case .string, .encodingType: return .value(column, .string)
            case .number: return .value(column, .decimal)
            case .datetime, .interval: return .value(column, .datetime)
            case .geometry: return .geometryColumn(column)
            case .json: return .member(reference, column: property.column, members: path.members)
            case .result:
                return path.members.isEmpty ? .result(reference) : .member(reference, column: property.column, members: path.members)
            }
        }

        // MARK: Operators

        func logical(_ op: STABinaryOperator, _ l: STASQLOperand, _ r: STASQLOperand) throws -> STASQLOperand {
            guard let left = try asBool(l) else { throw error("'\(op.rawValue)' needs conditions, not \(l.name)") }
            guard let right = try asBool(r) else { throw error("'\(op.rawValue)' needs conditions, not \(r.name)") }
            return .value("(" + left + STASQL(op == .and ? " AND " : " OR ") + right + ")", .bool)
        }

        func comparison(_ op: STABinaryOperator, _ l: STASQLOperand, _ r: STASQLOperand) throws -> STASQLOperand {
            if case .null = l, case .null = r { return .value(op == .eq ? "(NULL IS NULL)" : op == .ne ? "(NULL IS NOT NULL)" : "NULL", .bool) }
            if case .null = r { return try nullTest(op, l) }
            if case .null = l { return try nullTest(op, r) }
            let kind = try domain(op, l, r)
            guard let left = try render(l, as: kind), let right = try render(r, as: kind) else {
                throw error("'\(op.rawValue)' cannot compare \(l.name) with \(r.name)")
            }
            let symbol = switch op {
            case .eq: " = "
            case .ne: " <> "
            case .gt: " > "
            case .ge: " >= "
            case .lt: " < "
            default: " <= "
            }
            return .value("(" + left + STASQL(symbol) + right + ")", .bool)
        }

        func nullTest(_ op: STABinaryOperator, _ operand: STASQLOperand) throws -> STASQLOperand {
            let sql = try natural(operand)
            switch op {
            case .eq: return .value("(" + sql + " IS NULL)", .bool)
            case .ne: return .value("(" + sql + " IS NOT NULL)", .bool)
            default: return .value("NULL", .bool) // OData: any other comparison with null is null, so false
            }
        }

        /// The kind both sides are read as; a JSON value takes the other side's, and two JSON values meet as text.
        func domain(_ op: STABinaryOperator, _ l: STASQLOperand, _ r: STASQLOperand) throws -> STASQLOperand.Kind {
            let mismatch = error("'\(op.rawValue)' cannot compare \(l.name) with \(r.name)")
            switch (l.fixedKind, r.fixedKind) {
            case (nil, nil):
                return .string
            case (nil, let kind?), (let kind?, nil):
                let fixed = l.isFlexible ? r : l
                if kind == .geometry { throw mismatch }
                if fixed.isLiteral { return .string } // a JSON value holds dates as text
                if kind == .datetime || kind == .day || kind == .timeOfDay { throw mismatch }
                return kind
            case (let a?, let b?):
                if a.isNumber && b.isNumber { return a == .integer && b == .integer ? .integer : .decimal }
                if a == b, a != .geometry { return a }
                if (a == .datetime && b == .day && r.isLiteral) || (a == .day && b == .datetime && l.isLiteral) { return .datetime }
                throw mismatch
            }
        }

        func arithmetic(_ op: STABinaryOperator, _ l: STASQLOperand, _ r: STASQLOperand) throws -> STASQLOperand {
            guard let (left, lk) = try asNumber(l), let (right, rk) = try asNumber(r) else {
                throw error("'\(op.rawValue)' needs numbers, not \(l.name) and \(r.name)")
            }
            let kind: STASQLOperand.Kind = lk == .integer && rk == .integer ? .integer : .decimal
            switch op {
            case .add: return .value("(" + left + " + " + right + ")", kind)
            case .sub: return .value("(" + left + " - " + right + ")", kind)
            case .mul: return .value("(" + left + " * " + right + ")", kind)
            case .div:
                // Two integers divide as integers in both databases, as OData says; x/0 is NULL, not an error.
                return .value(sqlite ? "(" + left + " / " + right + ")" : "(" + left + " / NULLIF(" + right + ", 0))", kind)
            default:
                if sqlite { return .value("(" + left + " % " + right + ")", kind) }
                if kind == .integer { return .value("(" + left + " % NULLIF(" + right + ", 0))", kind) }
                return .value("CAST(mod(CAST(" + left + " AS numeric), CAST(NULLIF(" + right + ", 0) AS numeric)) AS double precision)", kind)
            }
        }

        // MARK: Reading an operand as a kind

        func render(_ operand: STASQLOperand, as kind: STASQLOperand.Kind) throws -> STASQL? {
            switch kind {
            case .bool: return try asBool(operand)
            case .integer, .decimal: return try asNumber(operand)?.0
            case .string: return asString(operand)
            case .datetime: return asDateTime(operand)
            case .day:
                switch operand {
                case .value(let sql, .day): return sql
                case .dayLiteral(let y, let m, let d):
                    let text = STASQL.bind(.string(String(format: "%04d-%02d-%02d", y, m, d)))
                    return sqlite ? text : "CAST(" + text + " AS date)"
                default: return nil
                }
            case .timeOfDay:
                switch operand {
                case .value(let sql, .timeOfDay): return sql
                case .timeLiteral(let text): return sqlite ? .bind(.string(text)) : "CAST(" + STASQL.bind(.string(text)) + " AS time)"
                default: return nil
                }
            case .geometry: return nil
            }
        }

        func asBool(_ operand: STASQLOperand) throws -> STASQL? {
            switch operand {
            case .value(let sql, .bool): return sql
            case .member(let reference, let column, let members): return reference.wrap(jsonBool(reference.column(column), members))
            case .result(let reference): return reference.wrap(jsonBool(reference.column("result"), []))
            default: return nil
            }
        }

        func asNumber(_ operand: STASQLOperand) throws -> (STASQL, STASQLOperand.Kind)? {
            switch operand {
            case .value(let sql, let kind) where kind.isNumber: return (sql, kind)
            case .member(let reference, let column, let members): return (reference.wrap(jsonNumber(reference.column(column), members)), .decimal)
            case .result(let reference): return (reference.wrap(reference.column(STASchema.resultNumberColumn)), .decimal)
            default: return nil
            }
        }

        func asString(_ operand: STASQLOperand) -> STASQL? {
            switch operand {
            case .value(let sql, .string): return sql
            case .member(let reference, let column, let members): return reference.wrap(jsonText(reference.column(column), members))
            case .result(let reference): return reference.wrap(jsonText(reference.column("result"), []))
            case .dateTimeLiteral(let date): return .bind(.string(Self.iso8601(date)))
            case .dayLiteral(let y, let m, let d): return .bind(.string(String(format: "%04d-%02d-%02d", y, m, d)))
            case .timeLiteral(let text): return .bind(.string(text))
            default: return nil
            }
        }

        func asDateTime(_ operand: STASQLOperand) -> STASQL? {
            switch operand {
            case .value(let sql, .datetime): return sql
            case .dateTimeLiteral(let date): return .bind(.date(date))
            case .dayLiteral(let y, let m, let d):
                let days = STAFilterLexer.daysSinceEpoch(year: y, month: m, day: d)
                return .bind(.date(Date(timeIntervalSince1970: Double(days) * 86_400)))
            default: return nil
            }
        }

        func asGeometry(_ operand: STASQLOperand) -> STASQL? {
            switch operand {
            case .geometryColumn(let sql):
                return sqlite ? sql : "ST_SetSRID(ST_GeomFromGeoJSON(" + sql + "), 4326)"
            case .geometryLiteral(let wkt):
                return sqlite ? .bind(.string("WKT:" + wkt)) : "ST_GeomFromText(" + STASQL.bind(.string(wkt)) + ", 4326)"
            default:
                return nil
            }
        }

        /// As it stands, for `IS NULL`.
        func natural(_ operand: STASQLOperand) throws -> STASQL {
            switch operand {
            case .value(let sql, _), .geometryColumn(let sql): return sql
            case .null: return "NULL"
            case .geometryLiteral(let wkt): return .bind(.string(wkt))
            case .dateTimeLiteral, .dayLiteral: return asDateTime(operand) ?? "NULL"
            case .member, .result, .timeLiteral: return asString(operand) ?? "NULL"
            }
        }

        func orderKeys(_ operand: STASQLOperand) throws -> [STASQL] {
            switch operand {
            case .geometryColumn, .geometryLiteral:
                throw error("cannot order by a geometry")
            case .member(let reference, let column, let members):
                return [reference.wrap(jsonOrder(reference.column(column), members))]
            case .result(let reference):
                return [reference.wrap(reference.column(STASchema.resultNumberColumn)),
                        reference.wrap(jsonOrder(reference.column("result"), []))]
            default:
                return [try natural(operand)]
            }
        }

        // MARK: JSON

        /// SQLite's JSON path with every member quoted (`$."owner"."name"`); the parser refuses `"` in one.
        func sqlitePath(_ members: [String]) -> STASQL {
            members.isEmpty ? "'$'" : .bind(.string("$" + members.map { ".\"\($0)\"" }.joined()))
        }

        func postgresArguments(_ members: [String]) -> STASQL {
            STASQL.joined(members.map { STASQL.bind(.string($0)) }, separator: ", ")
        }

        func jsonb(_ column: STASQL, _ members: [String]) -> STASQL {
            members.isEmpty ? "(" + column + "::jsonb)" : "jsonb_extract_path(" + column + "::jsonb, " + postgresArguments(members) + ")"
        }

        func jsonText(_ column: STASQL, _ members: [String]) -> STASQL {
            if sqlite { return "json_extract(" + column + ", " + sqlitePath(members) + ")" }
            return members.isEmpty ? "(" + column + "::jsonb #>> '{}')"
                : "jsonb_extract_path_text(" + column + "::jsonb, " + postgresArguments(members) + ")"
        }

        func jsonNumber(_ column: STASQL, _ members: [String]) -> STASQL {
            if sqlite {
                return "CASE WHEN json_type(" + column + ", " + sqlitePath(members) + ") IN ('integer', 'real') THEN json_extract("
                    + column + ", " + sqlitePath(members) + ") END"
            }
            // A JSON number of at most 40 characters is always within double precision, so the cast cannot raise.
            let text = jsonText(column, members)
            return "CASE WHEN jsonb_typeof(" + jsonb(column, members) + ") = 'number' AND length(" + text
                + ") <= 40 THEN CAST(" + text + " AS double precision) END"
        }

        func jsonBool(_ column: STASQL, _ members: [String]) -> STASQL {
            if sqlite {
                return "CASE WHEN json_type(" + column + ", " + sqlitePath(members) + ") IN ('true', 'false') THEN json_extract("
                    + column + ", " + sqlitePath(members) + ") END"
            }
            return "CASE WHEN jsonb_typeof(" + jsonb(column, members) + ") = 'boolean' THEN CAST(" + jsonText(column, members)
                + " AS boolean) END"
        }

        /// SQLite's `json_extract` keeps numbers numbers; PostgreSQL orders jsonb values numbers before strings.
        func jsonOrder(_ column: STASQL, _ members: [String]) -> STASQL {
            sqlite ? "json_extract(" + column + ", " + sqlitePath(members) + ")" : jsonb(column, members)
        }

        static func iso8601(_ date: Date) -> String {
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.formatOptions = date.timeIntervalSince1970.truncatingRemainder(dividingBy: 1) == 0
                ? [.withInternetDateTime] : [.withInternetDateTime, .withFractionalSeconds]
            return formatter.string(from: date)
        }

        // MARK: Functions

        func call(_ function: STAFunction, _ arguments: [STASQLOperand]) throws -> STASQLOperand {
            func string(_ index: Int) throws -> STASQL {
                guard let sql = asString(arguments[index]), arguments[index].fixedKind == .string || arguments[index].isFlexible else {
                    throw error("\(function.rawValue) needs a string, not \(arguments[index].name)")
                }
                return sql
            }
            func integer(_ index: Int) throws -> STASQL {
                guard let (sql, kind) = try asNumber(arguments[index]), kind == .integer else {
                    throw error("\(function.rawValue) needs an integer, not \(arguments[index].name)")
                }
                return sql
            }
            func number(_ index: Int) throws -> (STASQL, STASQLOperand.Kind) {
                guard let found = try asNumber(arguments[index]) else {
                    throw error("\(function.rawValue) needs a number, not \(arguments[index].name)")
                }
                return found
            }
            func time(_ index: Int) throws -> STASQL {
                guard let sql = asDateTime(arguments[index]) else {
                    throw error("\(function.rawValue) needs a date-time, not \(arguments[index].name)")
                }
                return sql
            }
            func text(_ s: String) -> STASQL { STASQL(s) }
            let position: (STASQL, STASQL) -> STASQL = { haystack, needle in
                sqlite ? "instr(" + haystack + ", " + needle + ")" : "strpos(" + haystack + ", " + needle + ")"
            }

            switch function {
            case .substringof:
                return .value("(" + position(try string(1), try string(0)) + " > 0)", .bool)
            case .startswith:
                let a = try string(0), b = try string(1)
                return .value("(substr(" + a + ", 1, length(" + b + ")) = " + b + ")", .bool)
            case .endswith:
                let a = try string(0), b = try string(1)
                return .value("(length(" + a + ") >= length(" + b + ") AND substr(" + a + ", length(" + a + ") - length(" + b + ") + 1) = " + b + ")", .bool)
            case .length:
                return .value("length(" + (try string(0)) + ")", .integer)
            case .indexof:
                return .value("(" + position(try string(0), try string(1)) + " - 1)", .integer)
            case .substring:
                let a = try string(0), start = try integer(1)
                var sql: STASQL = "substr(" + a + ", "
                if sqlite {
                    sql += "max(" + start + ", 0) + 1"
                    if arguments.count == 3 { sql += ", max(" + (try integer(2)) + ", 0)" }
                } else {
                    // PostgreSQL's substr takes int4 and refuses a negative length: clamp before casting.
                    sql += "CAST(LEAST(GREATEST(" + start + ", 0), 2147483646) AS integer) + 1"
                    if arguments.count == 3 { sql += ", CAST(LEAST(GREATEST(" + (try integer(2)) + ", 0), 2147483647) AS integer)" }
                }
                return .value(sql + ")", .string)
            case .tolower:
                return .value("lower(" + (try string(0)) + ")", .string)
            case .toupper:
                return .value("upper(" + (try string(0)) + ")", .string)
            case .trim:
                return .value("trim(" + (try string(0)) + ")", .string)
            case .concat:
                return .value("(" + (try string(0)) + " || " + (try string(1)) + ")", .string)
            case .year, .month, .day, .hour, .minute, .second:
                let t = try time(0)
                if sqlite {
                    let format = switch function {
                    case .year: "%Y"
                    case .month: "%m"
                    case .day: "%d"
                    case .hour: "%H"
                    case .minute: "%M"
                    default: "%S"
                    }
                    return .value("CAST(strftime('" + text(format) + "', " + t + ", 'unixepoch') AS INTEGER)", .integer)
                }
                let field = function.rawValue.uppercased()
                let extract = "EXTRACT(" + text(field) + " FROM (" + t + ") AT TIME ZONE 'UTC')"
                return .value("CAST(" + (function == .second ? "FLOOR(" + extract + ")" : extract) + " AS integer)", .integer)
            case .fractionalseconds:
                let t = try time(0)
                if sqlite {
                    return .value("(CAST(strftime('%f', " + t + ", 'unixepoch') AS REAL) - CAST(strftime('%S', " + t + ", 'unixepoch') AS INTEGER))", .decimal)
                }
                let seconds = "EXTRACT(SECOND FROM (" + t + ") AT TIME ZONE 'UTC')"
                return .value("CAST(" + seconds + " - FLOOR(" + seconds + ") AS double precision)", .decimal)
            case .date:
                let t = try time(0)
                return .value(sqlite ? "date(" + t + ", 'unixepoch')" : "CAST((" + t + ") AT TIME ZONE 'UTC' AS date)", .day)
            case .time:
                let t = try time(0)
                return .value(sqlite ? "time(" + t + ", 'unixepoch')" : "CAST((" + t + ") AT TIME ZONE 'UTC' AS time)", .timeOfDay)
            case .totaloffsetminutes:
                // Kerta keeps every instant in UTC.
                return .value("(CASE WHEN " + (try time(0)) + " IS NULL THEN NULL ELSE 0 END)", .integer)
            case .now:
                return .value(.bind(.date(compiler.now)), .datetime)
            case .mindatetime:
                return .value(.bind(.date(Date(timeIntervalSince1970: -62_135_596_800))), .datetime) // 0001-01-01T00:00:00Z
            case .maxdatetime:
                return .value(.bind(.date(Date(timeIntervalSince1970: 253_402_300_799.999))), .datetime) // 9999-12-31T23:59:59.999Z
            case .round, .floor, .ceiling:
                let (x, kind) = try number(0)
                if kind == .integer { return .value(x, .integer) }
                switch (function, sqlite) {
                case (.round, true): return .value("round(" + x + ")", .decimal)
                // PostgreSQL rounds a double half to even; numeric rounds half away from zero, as OData does.
                case (.round, false): return .value("CAST(round(CAST(" + x + " AS numeric)) AS double precision)", .decimal)
                // Old SQLite builds have no floor or ceil: truncate, then step towards the side asked for.
                case (.floor, true):
                    return .value("(CASE WHEN " + x + " >= 0 OR CAST(" + x + " AS INTEGER) = " + x + " THEN CAST(" + x
                                  + " AS INTEGER) ELSE CAST(" + x + " AS INTEGER) - 1 END)", .decimal)
                case (.floor, false): return .value("floor(" + x + ")", .decimal)
                case (_, true):
                    return .value("(CASE WHEN " + x + " <= 0 OR CAST(" + x + " AS INTEGER) = " + x + " THEN CAST(" + x
                                  + " AS INTEGER) ELSE CAST(" + x + " AS INTEGER) + 1 END)", .decimal)
                default: return .value("ceiling(" + x + ")", .decimal)
                }
            default:
                return try geo(function, arguments)
            }
        }

        func geo(_ function: STAFunction, _ arguments: [STASQLOperand]) throws -> STASQLOperand {
            if compiler.dialect == .postgres(postgis: false) {
                throw error("\(function.rawValue): geo functions need PostGIS, which this database does not have")
            }
            let geometries = function == .geoLength ? [arguments[0]] : Array(arguments.prefix(2))
            let sql = try geometries.map { operand in
                guard let sql = asGeometry(operand) else {
                    throw error("\(function.rawValue) needs geometries, not \(operand.name)")
                }
                return sql
            }
            var pattern: STASQL?
            if function == .stRelate {
                guard case .value(let sql, .string) = arguments[2], case .bind(.string(let text))? = sql.parts.first, sql.parts.count == 1,
                      text.count == 9, text.uppercased().allSatisfy({ "012TF*".contains($0) }) else {
                    throw error("st_relate needs a DE-9IM pattern literal of 9 characters from 0, 1, 2, T, F and *")
                }
                pattern = .bind(.string(text.uppercased()))
            }
            let kind: STASQLOperand.Kind = function == .geoDistance || function == .geoLength ? .decimal : .bool
            if sqlite {
                var call: STASQL = "kerta_geo('" + STASQL(function.rawValue) + "', " + sql[0] + ", "
                call += sql.count > 1 ? sql[1] : "NULL"
                if let pattern { call += ", " + pattern }
                call += ")"
                return .value(kind == .bool ? "(" + call + " = 1)" : call, kind)
            }
            let name = switch function {
            case .geoDistance: "ST_Distance"
            case .geoLength: "ST_Length"
            case .geoIntersects, .stIntersects: "ST_Intersects"
            case .stEquals: "ST_Equals"
            case .stDisjoint: "ST_Disjoint"
            case .stTouches: "ST_Touches"
            case .stWithin: "ST_Within"
            case .stOverlaps: "ST_Overlaps"
            case .stCrosses: "ST_Crosses"
            case .stContains: "ST_Contains"
            default: "ST_Relate"
            }
            var call = STASQL(name + "(") + STASQL.joined(sql, separator: ", ")
            if let pattern { call += ", " + pattern }
            return .value(call + ")", kind)
        }
    }
}
