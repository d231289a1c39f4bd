/// The information processing fee (信息处理费, 国办函〔2020〕109号, domain.md §6), charged only
/// where the volume or frequency of applications clearly exceeds a reasonable range (Art. 42).
/// An application is charged by one method, never both. Amounts are whole yuan.
public enum FeeSchedule {
    public enum Method: Sendable, Equatable {
        /// 按件计收: this is the applicant's `ordinal`-th application in the calendar month.
        case perApplication(ordinalInMonth: Int)
        /// 按量计收: pages (or page equivalents) provided for this application.
        case perPage(pages: Int)
    }

    public struct Quote: Sendable, Equatable {
        public var method: Method
        public var amount: Int
        /// How the amount was reached, for the fee notice (收费通知书).
        public var explanation: String
    }

    public static let basis = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

    public static func quote(_ method: Method) -> Quote {
        switch method {
        case .perApplication(let n):
            let price = perApplicationPrice(ordinal: n)
            let explanation = price == 0
                ? "本月第\(n)件申请，每月前10件不收费"
                : "按件计收：本月第\(n)件申请，每件\(price)元"
            return Quote(method: method, amount: price, explanation: explanation)
        case .perPage(let pages):
            let parts = pageTiers.compactMap { tier -> String? in
                let count = tier.pages(of: pages)
                return count > 0 && tier.price > 0 ? "\(count)页×\(tier.price)元" : nil
            }
            let amount = pageTiers.reduce(0) { $0 + $1.pages(of: pages) * $1.price }
            let explanation = amount == 0
                ? "共\(pages)页，30页以下不收费"
                : "按量计收：共\(pages)页，前30页不收费，" + parts.joined(separator: "＋") + "，合计\(amount)元"
            return Quote(method: method, amount: amount, explanation: explanation)
        }
    }

    /// 1–10 free; 11–30: 100 each; from the 31st, each band of 10 costs 100 more (31–40: 200, 41–50: 300, …).
    public static func perApplicationPrice(ordinal n: Int) -> Int {
        switch n {
        case ...10: return 0
        case 11...30: return 100
        default: return 100 * (2 + (n - 31) / 10)
        }
    }

    struct PageTier {
        let first: Int
        let last: Int?
        let price: Int

        func pages(of total: Int) -> Int {
            let upper = last.map { min($0, total) } ?? total
            return max(0, upper - first + 1)
        }
    }

    /// Pages 1–30 free; 31–100: 10 yuan; 101–200: 20 yuan; from 201: 40 yuan a page.
    static let pageTiers = [
        PageTier(first: 1, last: 30, price: 0),
        PageTier(first: 31, last: 100, price: 10),
        PageTier(first: 101, last: 200, price: 20),
        PageTier(first: 201, last: nil, price: 40),
    ]
}
