/// One step of a resource path: an entity set or a navigation, with the id when it picks one entity.
public struct STAPathSegment: Sendable, Hashable {
    /// As written: the entity set's name for the first segment, the navigation's after it.
    public let name: String
    /// The entity this step reaches.
    public let entity: STAEntityType
    /// How this step is reached from the one before; `nil` for the first.
    public let navigation: STANavigation?
    public let id: Int64?

    public init(name: String, entity: STAEntityType, navigation: STANavigation?, id: Int64?) {
        self.name = name
        self.entity = entity
        self.navigation = navigation
        self.id = id
    }

    /// An entity set, or a to-many navigation, without an id.
    public var isCollection: Bool { id == nil && (navigation?.toMany ?? true) }
}
