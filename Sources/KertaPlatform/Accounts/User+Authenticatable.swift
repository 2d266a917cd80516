import Vapor

extension User: Authenticatable {}
