import Fluent
import Vapor

extension User: ModelSessionAuthenticatable {}
