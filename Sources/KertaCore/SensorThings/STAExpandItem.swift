/// One navigation of `$expand` with the options for the entities it brings in; `Datastreams/Observations`
/// becomes Datastreams expanding Observations.
public struct STAExpandItem: Sendable, Hashable {
    public let navigation: STANavigation
    /// Checked against ``STANavigation/target``, not the entity that expands it.
    public var options: STAQueryOptions

    public init(navigation: STANavigation, options: STAQueryOptions) {
        self.navigation = navigation
        self.options = options
    }
}
