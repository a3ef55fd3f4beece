extension Catalog {
    /// What the desk promised and how much time is left: English, Simplified Chinese, Persian.
    static let serviceTable: [(String, String, String, String)] = [
        ("slaTitle", "Service level", "服务时效", "سطح خدمت"),
        ("sla.first-response", "First reply", "首次回复", "نخستین پاسخ"),
        ("sla.next-response", "Next reply", "下次回复", "پاسخ بعدی"),
        ("sla.resolution", "Resolution", "解决", "حل مشکل"),
        ("sla.due", "due %@ · %@ left", "截止 %@ · 剩余 %@", "مهلت %@ · %@ مانده"),
        ("sla.paused", "paused while we wait for the customer · %@ left", "等待顾客回复，已暂停 · 剩余 %@", "در انتظار مشتری متوقف است · %@ مانده"),
        ("sla.met", "met in time", "已按时完成", "به‌موقع انجام شد"),
        ("sla.breached", "overdue since %@", "已于 %@ 超时", "از %@ دیر شده است"),
        ("sla.late", "done late (was due %@)", "已完成但超时（应于 %@ 前）", "با تأخیر انجام شد (مهلت %@ بود)"),
        ("unit.days", "d", "天", "روز"),
        // Between the parts of one line. In Persian a middle dot reads as the digit zero (۰).
        ("partSeparator", " · ", " · ", "؛ "),
        ("unit.hours", "h", "小时", "ساعت"),
        ("unit.minutes", "min", "分钟", "دقیقه"),
    ]
}
