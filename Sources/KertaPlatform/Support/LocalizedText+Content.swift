import KertaCore
import Vapor

extension LocalizedText: Content {}
