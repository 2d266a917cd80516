import Foundation

/// A request to create an account, checked against the rules before anything is stored.
public struct NewAccount: Sendable, Equatable {
    public static let minimumPasswordLength = 10

    public let email: String
    public let password: String
    public let role: Role
    public let agencyCode: String?
    public let name: String

    /// Checks every field at once and reports all problems together.
    public init(email: String?, password: String?, role: String?, agency: String?, name: String?) throws {
        var problems: [ValidationFailure.Problem] = []
        let email = (email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if email.isEmpty {
            problems.append(.init(field: "email", message: "email is required"))
        } else if !EmailAddress.isPlausible(email) {
            problems.append(.init(field: "email", message: "\"\(email)\" is not an email address"))
        }
        let password = password ?? ""
        if password.count < Self.minimumPasswordLength {
            problems.append(.init(field: "password", message: "password must have at least \(Self.minimumPasswordLength) characters"))
        }
        let parsedRole = role.flatMap(Role.init(rawValue:))
        if parsedRole == nil {
            problems.append(.init(field: "role", message: "role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        let agency = agency?.trimmingCharacters(in: .whitespaces).uppercased()
        let agencyCode = (agency?.isEmpty ?? true) ? nil : agency
        if parsedRole?.requiresAgency == true && agencyCode == nil {
            problems.append(.init(field: "agency", message: "an officer acts for an agency: give its code, e.g. PUPR"))
        }
        guard problems.isEmpty, let parsedRole else { throw ValidationFailure(problems) }
        self.email = email
        self.password = password
        self.role = parsedRole
        self.agencyCode = agencyCode
        let trimmedName = name?.trimmingCharacters(in: .whitespaces) ?? ""
        self.name = trimmedName.isEmpty ? email : trimmedName
    }
}
