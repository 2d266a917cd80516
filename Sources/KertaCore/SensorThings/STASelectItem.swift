/// One name of `$select`: a property to answer, or a navigation whose link (`…@iot.navigationLink`) to answer.
public enum STASelectItem: Sendable, Hashable {
    case property(STAProperty)
    case navigation(STANavigation)
}
