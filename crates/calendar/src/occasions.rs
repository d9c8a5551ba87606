//! The occasions on the calendar: what each is, how its date is found, and on what authority.
//!
//! The list is deliberately modest: what a county Party committee's departments are expected to
//! prepare for under duty 4.1.8, each with a source a reviewer can check. Ordered by their usual
//! place in the year, which is also the order of occasions that fall on the same day.

use chrono::NaiveDate;

use crate::table;
use crate::KeyDateKind::{self, Anniversary, Religious, Statutory, Traditional};

/// An occasion of the calendar, the same every year.
#[derive(Debug, PartialEq, Eq)]
pub struct Occasion {
    /// Stable ASCII identifier, e.g. "spring_festival".
    pub id: &'static str,
    /// Chinese name.
    pub name: &'static str,
    /// English name.
    pub en: &'static str,
    pub kind: KeyDateKind,
    /// Second kind, if any (see the crate docs for the rule).
    pub also: Option<KeyDateKind>,
    /// Where the occasion and its date come from.
    pub source: &'static str,
    pub(crate) when: When,
}

/// How an occasion's date is found in a Gregorian year.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum When {
    /// The same month and day every year.
    Fixed(u8, u8),
    /// The column of `table::CHINESE_CALENDAR` named by the occasion's id.
    Chinese,
    /// The list of `table::ISLAMIC` named by the occasion's id: none, one or two a year.
    Islamic,
    /// Western (Gregorian) Easter, computed.
    Easter,
}

const fn occasion_of(
    id: &'static str,
    name: &'static str,
    en: &'static str,
    kinds: (KeyDateKind, Option<KeyDateKind>),
    when: When,
    source: &'static str,
) -> Occasion {
    Occasion {
        id,
        name,
        en,
        kind: kinds.0,
        also: kinds.1,
        source,
        when,
    }
}

/// Every occasion, in the order of the year.
pub const OCCASIONS: &[Occasion] = &[
    occasion_of(
        "new_year",
        "元旦",
        "New Year's Day",
        (Statutory, Some(Anniversary)),
        When::Fixed(1, 1),
        "公历1月1日；《全国年节及纪念日放假办法》：元旦放假1天",
    ),
    occasion_of(
        "new_years_eve",
        "除夕",
        "Chinese New Year's Eve",
        (Traditional, None),
        When::Chinese,
        "农历腊月最后一日（二十九或三十）；2025年起为春节法定假日的第一天",
    ),
    occasion_of(
        "spring_festival",
        "春节",
        "Spring Festival",
        (Statutory, Some(Traditional)),
        When::Chinese,
        "农历正月初一；《全国年节及纪念日放假办法》（2024年11月修订，2025年1月1日起施行）：\
         春节放假4天（农历除夕、正月初一至初三），此前为3天（正月初一至初三）",
    ),
    occasion_of(
        "lantern_festival",
        "元宵节",
        "Lantern Festival",
        (Traditional, None),
        When::Chinese,
        "农历正月十五",
    ),
    occasion_of(
        "womens_day",
        "国际妇女节",
        "International Women's Day",
        (Anniversary, None),
        When::Fixed(3, 8),
        "3月8日；《全国年节及纪念日放假办法》：妇女节，妇女放假半天",
    ),
    occasion_of(
        "qingming",
        "清明节",
        "Qingming Festival",
        (Statutory, Some(Traditional)),
        When::Chinese,
        "二十四节气之清明（太阳黄经15°，北京时间）；《全国年节及纪念日放假办法》：\
         清明节放假1天（农历清明当日）",
    ),
    occasion_of(
        "national_security_education_day",
        "全民国家安全教育日",
        "National Security Education Day",
        (Anniversary, None),
        When::Fixed(4, 15),
        "4月15日；《中华人民共和国国家安全法》（2015年）第十四条",
    ),
    occasion_of(
        "easter",
        "复活节",
        "Easter",
        (Religious, None),
        When::Easter,
        "春分月圆后的第一个星期日（公历教会算法），天主教、基督教同日",
    ),
    occasion_of(
        "labour_day",
        "劳动节",
        "Labour Day",
        (Statutory, Some(Anniversary)),
        When::Fixed(5, 1),
        "5月1日；《全国年节及纪念日放假办法》：劳动节放假2天（5月1日、2日；2024年以前为1天）",
    ),
    occasion_of(
        "youth_day",
        "五四青年节",
        "Youth Day",
        (Anniversary, None),
        When::Fixed(5, 4),
        "5月4日；《全国年节及纪念日放假办法》：青年节，14周岁以上的青年放假半天",
    ),
    occasion_of(
        "buddha_birthday",
        "佛诞节",
        "Buddha's Birthday",
        (Religious, None),
        When::Chinese,
        "农历四月初八，汉传佛教浴佛节",
    ),
    occasion_of(
        "childrens_day",
        "国际儿童节",
        "Children's Day",
        (Anniversary, None),
        When::Fixed(6, 1),
        "6月1日；《全国年节及纪念日放假办法》：儿童节，不满14周岁的少年儿童放假1天",
    ),
    occasion_of(
        "dragon_boat",
        "端午节",
        "Dragon Boat Festival",
        (Statutory, Some(Traditional)),
        When::Chinese,
        "农历五月初五；《全国年节及纪念日放假办法》：端午节放假1天",
    ),
    occasion_of(
        "party_founding",
        "中国共产党成立纪念日",
        "Founding Anniversary of the Communist Party of China",
        (Anniversary, None),
        When::Fixed(7, 1),
        "7月1日；1941年中共中央确定为党的诞生纪念日",
    ),
    occasion_of(
        "war_of_resistance_outbreak",
        "全民族抗战爆发纪念日",
        "Anniversary of the Outbreak of the Nationwide War of Resistance",
        (Anniversary, None),
        When::Fixed(7, 7),
        "7月7日，七七事变；《全国年节及纪念日放假办法》所列纪念日（不放假）",
    ),
    occasion_of(
        "army_day",
        "中国人民解放军建军纪念日",
        "Army Day",
        (Anniversary, None),
        When::Fixed(8, 1),
        "8月1日；《全国年节及纪念日放假办法》：建军纪念日，现役军人放假半天",
    ),
    occasion_of(
        "qixi",
        "七夕节",
        "Qixi Festival",
        (Traditional, None),
        When::Chinese,
        "农历七月初七",
    ),
    occasion_of(
        "victory_day",
        "中国人民抗日战争胜利纪念日",
        "Victory Day of the War of Resistance against Japanese Aggression",
        (Anniversary, None),
        When::Fixed(9, 3),
        "9月3日；2014年2月27日第十二届全国人大常委会第七次会议决定",
    ),
    occasion_of(
        "mukden_incident",
        "九一八事变纪念日",
        "Anniversary of the September 18th Incident",
        (Anniversary, None),
        When::Fixed(9, 18),
        "9月18日；《全国年节及纪念日放假办法》所列纪念日（不放假）",
    ),
    occasion_of(
        "martyrs_day",
        "烈士纪念日",
        "Martyrs' Day",
        (Anniversary, None),
        When::Fixed(9, 30),
        "9月30日；2014年8月31日第十二届全国人大常委会第十次会议决定",
    ),
    occasion_of(
        "national_day",
        "国庆节",
        "National Day",
        (Statutory, Some(Anniversary)),
        When::Fixed(10, 1),
        "10月1日；《全国年节及纪念日放假办法》：国庆节放假3天（10月1日至3日）",
    ),
    occasion_of(
        "mid_autumn",
        "中秋节",
        "Mid-Autumn Festival",
        (Statutory, Some(Traditional)),
        When::Chinese,
        "农历八月十五；《全国年节及纪念日放假办法》：中秋节放假1天",
    ),
    occasion_of(
        "double_ninth",
        "重阳节",
        "Double Ninth Festival",
        (Traditional, None),
        When::Chinese,
        "农历九月初九；《中华人民共和国老年人权益保障法》定为老年节",
    ),
    occasion_of(
        "constitution_day",
        "国家宪法日",
        "National Constitution Day",
        (Anniversary, None),
        When::Fixed(12, 4),
        "12月4日；2014年11月1日第十二届全国人大常委会第十一次会议决定",
    ),
    occasion_of(
        "nanjing_memorial",
        "南京大屠杀死难者国家公祭日",
        "National Memorial Day for the Nanjing Massacre Victims",
        (Anniversary, None),
        When::Fixed(12, 13),
        "12月13日；2014年2月27日第十二届全国人大常委会第七次会议决定",
    ),
    occasion_of(
        "christmas",
        "圣诞节",
        "Christmas",
        (Religious, None),
        When::Fixed(12, 25),
        "公历12月25日；前一日晚（平安夜）起常有聚集活动",
    ),
    occasion_of(
        "eid_al_fitr",
        "开斋节",
        "Eid al-Fitr",
        (Religious, None),
        When::Islamic,
        "伊斯兰教历十月一日；新疆、宁夏等地按少数民族习惯放假（《全国年节及纪念日放假办法》）",
    ),
    occasion_of(
        "eid_al_adha",
        "古尔邦节",
        "Eid al-Adha",
        (Religious, None),
        When::Islamic,
        "伊斯兰教历十二月十日；新疆、宁夏等地按少数民族习惯放假（《全国年节及纪念日放假办法》）",
    ),
];

/// The occasion with this id, e.g. to show an English name for an id stored elsewhere.
pub fn occasion(id: &str) -> Option<&'static Occasion> {
    OCCASIONS.iter().find(|occasion| occasion.id == id)
}

/// The note every Islamic festival carries: its date is a forecast.
pub(crate) const ISLAMIC_NOTE: &str =
    "按回历算术历法推算；实际日期以中国伊斯兰教协会依见新月公布的为准，可能相差1至2天";

impl Occasion {
    /// The days of `year` on which the occasion falls (the Islamic ones can fall twice: 开斋节 2033).
    pub(crate) fn dates(&self, year: i32) -> Vec<NaiveDate> {
        match self.when {
            When::Fixed(month, day) => ymd(year, month, day).into_iter().collect(),
            When::Chinese => chinese_calendar(self.id, year).into_iter().collect(),
            When::Islamic => islamic(self.id, year),
            When::Easter => easter(year).into_iter().collect(),
        }
    }

    /// Whether the date is a forecast whatever the year (the Islamic calendar follows the moon).
    pub(crate) fn always_estimated(&self) -> bool {
        self.when == When::Islamic
    }
}

fn ymd(year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month.into(), day.into())
}

fn chinese_calendar(id: &str, year: i32) -> Option<NaiveDate> {
    let column = table::CHINESE_IDS.iter().position(|&c| c == id)?;
    let row = table::CHINESE_CALENDAR.get(usize::try_from(year - table::FIRST_YEAR).ok()?)?;
    let (month, day) = row[column];
    ymd(year, month, day)
}

fn islamic(id: &str, year: i32) -> Vec<NaiveDate> {
    table::ISLAMIC
        .iter()
        .filter(|(feast, _)| *feast == id)
        .flat_map(|(_, days)| days.iter())
        .filter(|(y, _, _)| i32::from(*y) == year)
        .filter_map(|&(y, month, day)| ymd(y.into(), month, day))
        .collect()
}

/// Western Easter by the anonymous Gregorian computus (Meeus/Jones/Butcher).
fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    NaiveDate::from_ymd_opt(
        year,
        (n / 31).try_into().ok()?,
        (n % 31 + 1).try_into().ok()?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_ascii_and_names_filled() {
        for (i, o) in OCCASIONS.iter().enumerate() {
            assert!(
                o.id.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{}",
                o.id
            );
            assert!(!o.name.is_empty() && !o.en.is_empty() && !o.source.is_empty());
            assert!(
                OCCASIONS[..i].iter().all(|p| p.id != o.id),
                "{} twice",
                o.id
            );
            assert_ne!(o.also, Some(o.kind), "{}", o.id);
            assert_eq!(occasion(o.id), Some(o));
        }
        assert_eq!(occasion("no_such_day"), None);
    }

    const BANFA: &str = "《全国年节及纪念日放假办法》";

    #[test]
    fn statutory_holidays_are_exactly_the_seven_of_the_banfa() {
        let statutory: Vec<&str> = OCCASIONS
            .iter()
            .filter(|o| o.kind == Statutory)
            .map(|o| o.id)
            .collect();
        assert_eq!(
            statutory,
            [
                "new_year",
                "spring_festival",
                "qingming",
                "labour_day",
                "dragon_boat",
                "national_day",
                "mid_autumn"
            ]
        );
        // Each names the 放假办法 as its source of the days off.
        for o in OCCASIONS.iter().filter(|o| o.kind == Statutory) {
            assert!(o.source.contains(BANFA), "{}", o.id);
        }
    }

    #[test]
    fn every_table_column_is_an_occasion_and_back() {
        for o in OCCASIONS {
            let in_chinese = table::CHINESE_IDS.contains(&o.id);
            let in_islamic = table::ISLAMIC.iter().any(|(id, _)| *id == o.id);
            assert_eq!(in_chinese, o.when == When::Chinese, "{}", o.id);
            assert_eq!(in_islamic, o.when == When::Islamic, "{}", o.id);
        }
        for id in table::CHINESE_IDS
            .iter()
            .chain(table::ISLAMIC.iter().map(|(id, _)| id))
        {
            assert!(occasion(id).is_some(), "{id}");
        }
    }
}
