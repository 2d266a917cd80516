/// What one subscriber asked for: some layers (none named means all) inside a box (none means anywhere),
/// of what its viewer may see. The catch-up page and the live fan-out both decide with ``matches``.
public struct EventFilter: Sendable, Hashable {
    public var viewer: EventViewer
    public var layers: Set<EventLayer>
    public var box: BoundingBox?

    public init(viewer: EventViewer, layers: Set<EventLayer> = [], box: BoundingBox? = nil) {
        self.viewer = viewer
        self.layers = layers
        self.box = box
    }

    /// An event without a place is outside every box: a subscriber watching a part of the map asked for places.
    public func matches(layer: String, audience: EventAudience, point: GeoPoint?) -> Bool {
        guard audience.isVisible(to: viewer) else { return false }
        if !layers.isEmpty && !(EventLayer(rawValue: layer).map(layers.contains) ?? false) { return false }
        if let box {
            guard let point, box.contains(point) else { return false }
        }
        return true
    }
}
