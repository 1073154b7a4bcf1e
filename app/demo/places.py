"""Real cities of the region and telephone numbers written the way people write them."""

from __future__ import annotations

import random
from dataclasses import dataclass

from app.demo.names import nfc


@dataclass(frozen=True)
class City:
    name: str
    local: str | None
    area: str  # trunk-less area code, "" where numbers have none


def _cities(text: str) -> tuple[City, ...]:
    out = []
    for part in text.split(";"):
        name, local, area = (p.strip() for p in part.split("|"))
        out.append(City(nfc(name), nfc(local) if local else None, area))
    return tuple(out)


# The first city of each country is its capital (where ministries sit).
CITIES: dict[str, tuple[City, ...]] = {
    "VN": _cities(
        "Hanoi|Hà Nội|24; Ho Chi Minh City|Thành phố Hồ Chí Minh|28; Da Nang|Đà Nẵng|236;"
        "Hai Phong|Hải Phòng|225; Can Tho|Cần Thơ|292; Hue|Huế|234; Ha Long|Hạ Long|203"
    ),
    "KH": _cities(
        "Phnom Penh|ភ្នំពេញ|23; Siem Reap|សៀមរាប|63; Battambang|បាត់ដំបង|53;"
        "Sihanoukville|ព្រះសីហនុ|34; Kampot|កំពត|33; Kampong Cham|កំពង់ចាម|42"
    ),
    "LA": _cities(
        "Vientiane|ວຽງຈັນ|21; Luang Prabang|ຫຼວງພະບາງ|71; Pakse|ປາກເຊ|31;"
        "Savannakhet|ສະຫວັນນະເຂດ|41; Thakhek|ທ່າແຂກ|51; Vang Vieng|ວັງວຽງ|23"
    ),
    "MM": _cities(
        "Nay Pyi Taw|နေပြည်တော်|67; Yangon|ရန်ကုန်|1; Mandalay|မန္တလေး|2; Bago|ပဲခူး|52;"
        "Mawlamyine|မော်လမြိုင်|57; Taunggyi|တောင်ကြီး|81"
    ),
    "TH": _cities(
        "Bangkok|กรุงเทพมหานคร|2; Chiang Mai|เชียงใหม่|53; Khon Kaen|ขอนแก่น|43;"
        "Phuket|ภูเก็ต|76; Hat Yai|หาดใหญ่|74; Nakhon Ratchasima|นครราชสีมา|44;"
        "Chon Buri|ชลบุรี|38"
    ),
    "CN": _cities(
        "Beijing|北京|10; Nanning|南宁|771; Kunming|昆明|871; Guangzhou|广州|20;"
        "Guilin|桂林|773; Shanghai|上海|21; Xiamen|厦门|592; Haikou|海口|898"
    ),
    "ID": _cities(
        "Jakarta||21; Bandung||22; Surabaya||31; Yogyakarta||274; Medan||61;"
        "Denpasar||361; Makassar||411; Bogor||251"
    ),
    "MY": _cities(
        "Kuala Lumpur||3; Putrajaya||3; George Town||4; Johor Bahru||7;"
        "Kota Kinabalu||88; Kuching||82; Malacca||6"
    ),
    "PH": _cities(
        "Manila||2; Quezon City||2; Cebu City||32; Davao City||82; Iloilo City||33;"
        "Baguio||74; Puerto Princesa||48"
    ),
    "SG": _cities("Singapore|新加坡|"),
    "BN": _cities("Bandar Seri Begawan||; Kuala Belait||; Tutong||; Bangar||; Seria||"),
    "TL": _cities("Dili||; Baucau||; Maliana||; Suai||; Lospalos||"),
}


@dataclass(frozen=True)
class PhonePlan:
    """How numbers look in one country: calling code, trunk prefix, lengths."""

    calling: str
    trunk: str  # "0", or "" where there is none
    landline_digits: int  # subscriber digits after the area code
    mobile_prefixes: tuple[str, ...]  # without the trunk prefix
    mobile_digits: int  # digits after the mobile prefix


PHONE_PLANS: dict[str, PhonePlan] = {
    "VN": PhonePlan("84", "0", 8, ("91", "98", "90", "93"), 7),
    "KH": PhonePlan("855", "0", 6, ("12", "17", "92", "77"), 6),
    "LA": PhonePlan("856", "0", 6, ("20",), 8),
    "MM": PhonePlan("95", "0", 6, ("9",), 9),
    "TH": PhonePlan("66", "0", 7, ("81", "86", "89", "92"), 7),
    "CN": PhonePlan("86", "0", 8, ("139", "138", "186", "135"), 8),
    "ID": PhonePlan("62", "0", 8, ("812", "813", "856", "878"), 8),
    "MY": PhonePlan("60", "0", 7, ("12", "13", "17", "19"), 7),
    "PH": PhonePlan("63", "0", 7, ("917", "918", "927", "998"), 7),
    "SG": PhonePlan("65", "", 8, ("9", "8"), 7),
    "BN": PhonePlan("673", "", 7, ("8", "7"), 6),
    "TL": PhonePlan("670", "", 7, ("77", "78"), 6),
}


def _digits(rng: random.Random, n: int) -> str:
    return rng.choice("23456789") + "".join(rng.choice("0123456789") for _ in range(n - 1))


def _group(digits: str) -> str:
    sizes = {6: (3, 3), 7: (3, 4), 8: (4, 4), 9: (3, 3, 3)}.get(len(digits), (len(digits),))
    out, at = [], 0
    for size in sizes:
        out.append(digits[at : at + size])
        at += size
    return " ".join(out)


def phone_number(rng: random.Random, country: str, city: City) -> str:
    """A telephone number as people type it: national, +CC or 00CC, landline or mobile.

    Always text: the leading zeros and the plus sign are part of it.
    """
    plan = PHONE_PLANS[country]
    if rng.random() < 0.45:
        prefix = rng.choice(plan.mobile_prefixes)
        subscriber = _digits(rng, plan.mobile_digits)
        if country in ("SG", "BN", "TL"):
            local = _group(prefix + subscriber)
        else:
            local = f"{prefix} {_group(subscriber)}"
        # Chinese mobile numbers never take the trunk prefix.
        trunk = "" if country == "CN" else plan.trunk
    else:
        subscriber = _digits(rng, plan.landline_digits)
        if country == "SG":
            subscriber = "6" + subscriber[1:]
        local = f"{city.area} {_group(subscriber)}" if city.area else _group(subscriber)
        trunk = plan.trunk
    style = rng.random()
    if style < 0.45:
        return f"+{plan.calling} {local}"
    if style < 0.6:
        return f"00{plan.calling} {local}"
    return f"{trunk}{local}"
