/// A resource path or query option Kerta cannot read or answer, said so a client can fix it: which option,
/// what is wrong, and where in the option's text (1-based, counted in Unicode scalars).
///
/// Every one is the client's doing, so the HTTP layer answers it with 400 (an unknown entity set in the path
/// with 404, when ``option`` is `path`).
public struct STAQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `$filter`, `$expand/Datastreams/$top`, `path`, ….
    public let option: String
    public let problem: String
    public let position: Int?

    public init(_ option: String, _ problem: String, at position: Int? = nil) {
        self.option = option
        self.problem = problem
        self.position = position
    }

    /// For example `$filter: unknown property 'nmae' of Thing at 1`.
    public var message: String {
        "\(option): \(problem)" + (position.map { " at \($0)" } ?? "")
    }

    public var description: String { message }

    /// The same problem, reported under the option that contains this one (a nested `$expand`'s `$filter`).
    func within(_ outer: String) -> STAQueryError {
        STAQueryError(outer + "/" + option, problem, at: position)
    }
}
