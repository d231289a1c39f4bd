extension Agency.Kind {
    /// What an agency of this kind holds, as the portal tells an applicant choosing where to
    /// apply, until an administrator writes the agency's own guide.
    public var portalGuide: String {
        switch self {
        case .government: return "区人民政府制作或者获取的政府信息，如区政府规范性文件、区政府常务会议决定等。"
        case .office: return "本机关在履行职责过程中制作或者获取的政府信息。"
        case .department: return "本部门在履行行政管理职能过程中制作或者获取的政府信息，如本部门的行政许可、行政处罚、项目审批等。"
        case .street: return "本街道办事处在履行职责过程中制作或者获取的政府信息，如辖区内的民生保障、城市管理等事项。"
        }
    }
}
