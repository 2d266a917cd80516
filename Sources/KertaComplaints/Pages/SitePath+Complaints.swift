import KertaPlatform

extension SitePath {
    // Residents' pages
    package static let report = SitePath("report", "report")
    package static let complaint = SitePath("complaint", "complaints/:ticket")
    package static let complaintRespond = SitePath("complaint_respond", "complaints/:ticket/respond")
    package static let complaintFollow = SitePath("complaint_follow", "complaints/:ticket/follow")
    package static let map = SitePath("map", "map")
    package static let performance = SitePath("performance", "performance")

    // Staff console
    package static let console = SitePath("console", "console")
    package static let workspace = SitePath("workspace", "console/complaints/:ticket")
    package static let workspaceAct = SitePath("workspace_act", "console/complaints/:ticket/act")
    package static let workspaceNote = SitePath("workspace_note", "console/complaints/:ticket/note")
    package static let workspaceEscalate = SitePath("workspace_escalate", "console/complaints/:ticket/escalate")
    package static let workspaceVisibility = SitePath("workspace_visibility", "console/complaints/:ticket/visibility")

    // Administration
    package static let admin = SitePath("admin", "console/admin")
    package static let adminCategory = SitePath("admin_category", "console/admin/categories/:code")
    package static let adminAgencyToggle = SitePath("admin_agency_toggle", "console/admin/agencies/:code/toggle")
    package static let adminUsers = SitePath("admin_users", "console/admin/users")
    package static let adminUser = SitePath("admin_user", "console/admin/users/:id")
    package static let adminKeys = SitePath("admin_keys", "console/admin/apikeys")
    package static let adminKeyRevoke = SitePath("admin_key_revoke", "console/admin/apikeys/:id/revoke")
    package static let adminTemplates = SitePath("admin_templates", "console/admin/templates")
    package static let adminTemplateDelete = SitePath("admin_template_delete", "console/admin/templates/:id/delete")

    /// The complaint capability's pages, for the `#path` tag.
    package static let complaints: [SitePath] = [
        .report, .complaint, .complaintRespond, .complaintFollow, .map, .performance,
        .console, .workspace, .workspaceAct, .workspaceNote, .workspaceEscalate, .workspaceVisibility,
        .admin, .adminCategory, .adminAgencyToggle, .adminUsers, .adminUser, .adminKeys, .adminKeyRevoke,
        .adminTemplates, .adminTemplateDelete,
    ]
}
