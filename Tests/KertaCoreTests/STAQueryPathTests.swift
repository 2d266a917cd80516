import Foundation
import KertaCore
import Testing

@Suite struct STAQueryPathTests {
    @Test func entityTypesNameTheirSetsAndTables() {
        #expect(STAEntityType.allCases.map(\.setName) == ["Things", "Locations", "HistoricalLocations", "Datastreams", "Sensors",
                                                          "ObservedProperties", "Observations", "FeaturesOfInterest"])
        #expect(STAEntityType.featureOfInterest.singularName == "FeatureOfInterest" && STAEntityType.featureOfInterest.table == "sta_features")
        for type in STAEntityType.allCases {
            #expect(STAEntityType(setName: type.setName) == type)
            #expect(type.property(named: "@iot.id")?.column == "id" && type.property(named: "id")?.kind == .id)
        }
        #expect(STAEntityType(setName: "things") == nil && STAEntityType(setName: "Thing") == nil)
        #expect(STAEntityType.location.property(named: "location")?.column == "geom")
        #expect(STAEntityType.location.property(named: "location")?.outputColumn == "location")
        #expect(STAEntityType.observation.property(named: "phenomenonTime")?.endColumn == "phenomenon_time_end")
        #expect(STAEntityType.datastream.navigation(named: "Thing")?.join == .sourceColumn("thing_id"))
        #expect(STAEntityType.thing.navigation(named: "Locations")?.toMany == true)
    }

    @Test func everyNavigationLeadsBackFromItsTarget() {
        for type in STAEntityType.allCases {
            for navigation in type.navigations {
                #expect(navigation.source == type)
                #expect(navigation.target.navigations.contains { $0.target == type }, "\(type).\(navigation.name) has no way back")
            }
        }
    }

    @Test func joinConditionsComeFromTheSchema() {
        let nav = STAEntityType.thing.navigation(named: "Datastreams")!
        #expect(nav.condition(source: "t", target: "d") == "d.thing_id = t.id")
        #expect(STAEntityType.observation.navigation(named: "Datastream")!.condition(source: "o", target: "d") == "d.id = o.datastream_id")
        #expect(STAEntityType.thing.navigation(named: "Locations")!.condition(source: "t", target: "l")
                == "EXISTS (SELECT 1 FROM sta_thing_locations t_l_link WHERE t_l_link.thing_id = t.id AND t_l_link.location_id = l.id)")
    }

    @Test func collectionsAndSingleEntities() throws {
        let things = try STAPath(parsing: "Things")
        #expect(things.entity == .thing && things.isCollection && things.segments.count == 1 && !things.ref && things.property == nil)
        let one = try STAPath(parsing: "Things(1)")
        #expect(one.entity == .thing && !one.isCollection && one.segments[0].id == 1)
        let quoted = try STAPath(parsing: "Things('42')")
        #expect(quoted.segments[0].id == 42)
        let datastreams = try STAPath(parsing: "Things(1)/Datastreams")
        #expect(datastreams.entity == .datastream && datastreams.isCollection)
        #expect(datastreams.segments[1].navigation?.name == "Datastreams" && datastreams.segments[1].id == nil)
        let observations = try STAPath(parsing: "Datastreams(5)/Observations")
        #expect(observations.entity == .observation && observations.isCollection)
        let chain = try STAPath(parsing: "Observations(3)/Datastream/Thing")
        #expect(chain.entity == .thing && !chain.isCollection && chain.segments.map(\.name) == ["Observations", "Datastream", "Thing"])
        let member = try STAPath(parsing: "Datastreams(1)/Observations(7)")
        #expect(member.entity == .observation && !member.isCollection && member.segments[1].id == 7)
        let slashes = try STAPath(parsing: "/Things(1)/")
        #expect(slashes.entity == .thing && !slashes.isCollection)
    }

    @Test func propertiesValuesAndReferences() throws {
        let name = try STAPath(parsing: "Things(1)/name")
        #expect(name.property?.name == "name" && !name.value && !name.isCollection && name.entity == .thing)
        let value = try STAPath(parsing: "Things(1)/name/$value")
        #expect(value.property?.column == "name" && value.value)
        let id = try STAPath(parsing: "Things(1)/@iot.id")
        #expect(id.property?.kind == .id)
        let refs = try STAPath(parsing: "Things/$ref")
        #expect(refs.ref && refs.isCollection && refs.entity == .thing)
        let links = try STAPath(parsing: "Things(1)/Locations/$ref")
        #expect(links.ref && links.entity == .location && links.isCollection)
        let toOne = try STAPath(parsing: "Datastreams(1)/Thing/$ref")
        #expect(toOne.ref && !toOne.isCollection)
        let deep = try STAPath(parsing: "Observations(1)/FeatureOfInterest/feature")
        #expect(deep.property?.name == "feature" && deep.entity == .featureOfInterest)
    }

    @Test func badPathsAreRefusedSayingWhy() {
        func problem(_ path: String) -> String? {
            (#expect(throws: STAQueryError.self) { try STAPath(parsing: path) })?.message
        }
        #expect(problem("") == "path: is empty; name an entity set such as Things")
        #expect(problem("Thingz") == "path: unknown entity set 'Thingz' at 1")
        #expect(problem("Things(x)") == "path: the id of 'Things' must be a non-negative integer at 8")
        #expect(problem("Things(-1)") != nil)
        #expect(problem("Things(1.5)") != nil)
        #expect(problem("Things('a')") != nil)
        #expect(problem("Things(99999999999999999999)") != nil)
        #expect(problem("Things()") != nil)
        #expect(problem("Things(1") != nil)
        #expect(problem("Things(1)x") != nil)
        #expect(problem("Things1)") != nil)
        #expect(problem("Things/Datastreams") == "path: 'Datastreams' needs one Thing; give an id to 'Things' at 8")
        #expect(problem("Things(1)/Sensors") == "path: unknown property or navigation 'Sensors' of Thing at 11")
        #expect(problem("Datastreams(1)/Thing(2)") == "path: 'Thing' leads to one Thing and takes no id at 16")
        #expect(problem("Things(1)/name(2)") != nil)
        #expect(problem("Things/name") != nil)
        #expect(problem("Things(1)/$value") == "path: $value follows a property at 11")
        #expect(problem("Things(1)/name/$ref") == "path: $ref follows entities, not a property at 16")
        #expect(problem("Things/$ref/name") == "path: nothing may follow $ref at 13")
        #expect(problem("Things(1)/name/$value/x") != nil)
        #expect(problem("Things(1)/name/first") == "path: 'name' has no members to address at 16")
        #expect(problem("Things(1)//Datastreams") == "path: empty segment at 11")
        #expect(problem("$ref") != nil)
    }
}
