import Fluent

/// A migration of Kerta's. Fluent records each applied migration by name, and its default name is the
/// type's name with its module (`KertaApp.CreateComplaint`); the migrations were written in the one
/// `KertaApp` module, and databases in service have recorded those names. Keeping them when a migration
/// moves to another library is what stops such a database from running every migration again.
package protocol KertaMigration: AsyncMigration {}

extension KertaMigration {
    package var name: String { "KertaApp.\(String(describing: Self.self))" }
}
