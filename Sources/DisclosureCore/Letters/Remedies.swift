/// The remedies every reply states (domain.md §4): reconsideration within 60 days to the body
/// Art. 24 of the Administrative Reconsideration Law names; where the reply refuses information,
/// reconsideration comes first (Art. 23 of that law, 2023, in force 2024-01-01) and a lawsuit
/// only after its decision; otherwise a lawsuit within 6 months is open at once.
public enum Remedies {
    public static func paragraph(for disposition: Disposition, reconsiderationBody: String) -> String {
        let reconsider = "如对本答复不服，您可以自收到本答复书之日起60日内向\(reconsiderationBody)申请行政复议"
        if disposition.refuses {
            return reconsider + "。根据《中华人民共和国行政复议法》第二十三条，对行政机关不予公开政府信息不服的，应当先向行政复议机关申请行政复议；"
                + "对行政复议决定不服的，可以自收到行政复议决定书之日起15日内依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十五条）。"
        }
        return reconsider + "，也可以自收到本答复书之日起6个月内依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）。"
    }
}
