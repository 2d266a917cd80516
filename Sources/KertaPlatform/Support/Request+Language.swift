import KertaCore
import Vapor

extension Request {
    /// The language to answer in: the `lang` cookie the site's switch sets, else `Accept-Language`.
    package var language: Language {
        if let cookie = cookies["lang"]?.string, let chosen = Language(rawValue: cookie) { return chosen }
        return Language.preferred(acceptLanguage: headers.first(name: .acceptLanguage))
    }
}
