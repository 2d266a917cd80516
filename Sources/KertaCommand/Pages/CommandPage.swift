import KertaCore
import KertaPlatform

/// `/command`: what the dashboard's first paint needs; the script keeps it live from the URLs named here.
package struct CommandPage: Encodable {
    package struct Layer: Encodable {
        package struct Filter: Encodable { let code: String; let name: String }
        let id: String
        let name: String
        let source: String
        let eventLayer: String
        let filters: [Filter]
    }

    /// A video wall: no controls, larger type.
    let wall: Bool
    let canAct: Bool
    let layers: [Layer]
    let kpisURL = "/api/v1/command/kpis"
    let alarmsURL = "/api/v1/alarms"
    let streamURL: String
    let areasURL = "/api/v1/areas?level=desa"
    let cityAreasURL = "/api/v1/areas?level=kecamatan"
    let alarms: [AlarmDTO]
    let flood: Bool
    let groups: [AlarmList.Group]
    let kpis: [String: FigureValue]

    package init(wall: Bool, canAct: Bool, layers: [CommandLayer], language: Language, list: AlarmList, kpis: [String: FigureValue]) {
        self.wall = wall
        self.canAct = canAct && !wall
        self.layers = layers.map { layer in
            Layer(id: layer.id, name: layer.name.text(language), source: layer.source, eventLayer: layer.eventLayer.rawValue,
                  filters: layer.filters.map { Layer.Filter(code: $0.code, name: $0.name.text(language)) })
        }
        streamURL = "/api/v1/events/stream?layers=" + (Set(layers.map(\.eventLayer.rawValue)).union(["alarms"])).sorted().joined(separator: ",")
        alarms = list.alarms
        flood = list.flood
        groups = list.groups
        self.kpis = kpis
    }
}
