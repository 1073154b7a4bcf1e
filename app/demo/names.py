"""People's names of the region, in Latin script and in each national script.

Each country has one or more naming styles (Malaysia and Singapore have
Malay, Chinese and Indian names); each style knows its name order. A pair is
``(latin, national script)``; the national part is None where the national
script is the Latin alphabet.
"""

from __future__ import annotations

import functools
import random
import unicodedata
from dataclasses import dataclass

Pair = tuple[str, str | None]


def nfc(text: str) -> str:
    """Text in composed Unicode form, as validation stores it."""
    return unicodedata.normalize("NFC", text)


@functools.lru_cache(maxsize=8192)
def ascii_fold(text: str) -> str:
    """Latin text without diacritics: "Nguyễn Văn Hùng" -> "Nguyen Van Hung"."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _pairs(text: str) -> tuple[Pair, ...]:
    """Parse "Latin=national; ..." (or plain "Latin; ...") into pairs."""
    out: list[Pair] = []
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        latin, _sep, local = part.partition("=")
        out.append((nfc(latin.strip()), nfc(local.strip()) if local else None))
    return tuple(out)


@dataclass(frozen=True)
class NameStyle:
    """How names are made in one community.

    ``order``: ``given_family`` (Thai, Lao, Filipino ...), ``family_given``
    (Chinese, Khmer), ``vietnamese`` (family, middle, given; Latin form
    folded to ASCII), ``syllables`` (Myanmar: no family name), ``patronymic``
    (Malay "bin"/"binti", Indian "s/o"/"d/o").
    """

    order: str
    male: tuple[Pair, ...]
    female: tuple[Pair, ...]
    family: tuple[Pair, ...] = ()
    local_joiner: str = " "
    male_link: str = "bin"
    female_link: str = "binti"


THAI = NameStyle(
    "given_family",
    _pairs(
        "Somchai=สมชาย; Prasert=ประเสริฐ; Somsak=สมศักดิ์; Anan=อนันต์; Wichai=วิชัย;"
        "Surachai=สุรชัย; Thanakorn=ธนากร; Kittisak=กิตติศักดิ์; Chaiwat=ชัยวัฒน์; Niran=นิรันดร์"
    ),
    _pairs(
        "Siriporn=ศิริพร; Malee=มาลี; Suda=สุดา; Kanya=กัญญา; Pornthip=พรทิพย์;"
        "Wanida=วนิดา; Nattaya=ณัฐยา; Ratana=รัตนา; Duangjai=ดวงใจ; Supaporn=สุภาพร"
    ),
    _pairs(
        "Srisuk=ศรีสุข; Saetang=แซ่ตั้ง; Wongsawat=วงศ์สวัสดิ์; Boonmee=บุญมี; Thongdee=ทองดี;"
        "Suwannarat=สุวรรณรัตน์; Kaewkla=แก้วกล้า; Rattanakorn=รัตนากร; Phromma=พรหมมา;"
        "Jaidee=ใจดี; Chaiyasit=ชัยสิทธิ์; Intarasuk=อินทรสุข"
    ),
)
KHMER = NameStyle(
    "family_given",
    _pairs(
        "Dara=ដារ៉ា; Sophal=សុផល; Vannak=វណ្ណៈ; Rithy=រិទ្ធី; Piseth=ពិសិដ្ឋ;"
        "Vuthy=វុទ្ធី; Sokhom=សុខុម; Chantha=ចន្ថា; Sovann=សុវណ្ណ; Bunna=ប៊ុនណា"
    ),
    _pairs(
        "Sreymom=ស្រីមុំ; Sophea=សុភា; Channary=ចាន់ណារី; Bopha=បុប្ផា; Sothea=សុធា;"
        "Kanha=កញ្ញា; Leakhena=លក្ខិណា; Sreyneang=ស្រីនាង; Malis=ម្លិះ; Chenda=ចិន្ដា"
    ),
    _pairs(
        "Sok=សុខ; Chan=ចាន់; Keo=កែវ; Heng=ហេង; Kim=គីម; Meas=មាស; Chea=ជា; Ly=លី;"
        "Seng=សេង; Prak=ប្រាក់; Touch=ទូច; Pich=ពេជ្រ"
    ),
)
LAO = NameStyle(
    "given_family",
    _pairs(
        "Somphone=ສົມພອນ; Khamphanh=ຄຳພັນ; Bounmy=ບຸນມີ; Souksavanh=ສຸກສະຫວັນ;"
        "Thongsavanh=ທອງສະຫວັນ; Sengphet=ແສງເພັດ; Khamsay=ຄຳໄຊ; Vilaysack=ວິໄລສັກ;"
        "Phouvong=ພູວົງ; Bounthanh=ບຸນທັນ"
    ),
    _pairs(
        "Manivanh=ມະນີວັນ; Bouavanh=ບົວວັນ; Chanthala=ຈັນທະລາ; Phonesavanh=ພອນສະຫວັນ;"
        "Noy=ນ້ອຍ; Souphaphone=ສຸພາພອນ; Vanida=ວັນນິດາ; Khamla=ຄຳລາ; Viengkham=ວຽງຄຳ;"
        "Davone=ດາວອນ"
    ),
    _pairs(
        "Phommachanh=ພົມມະຈັນ; Sisouphanh=ສີສຸພັນ; Vongsavath=ວົງສະຫວັດ; Keomany=ແກ້ວມະນີ;"
        "Inthavong=ອິນທະວົງ; Souvannavong=ສຸວັນນະວົງ; Phanthavong=ພັນທະວົງ;"
        "Sayavong=ໄຊຍະວົງ; Chanthavong=ຈັນທະວົງ; Luangrath=ຫຼວງລາດ"
    ),
)
MYANMAR = NameStyle(
    "syllables",
    _pairs(
        "Aung=အောင်; Kyaw=ကျော်; Min=မင်း; Zaw=ဇော်; Htet=ထက်; Naing=နိုင်;"
        "Thant=သန့်; Myint=မြင့်; Soe=စိုး; Win=ဝင်း; Tun=ထွန်း; Hla=လှ"
    ),
    _pairs(
        "Aye=အေး; Su=စု; Thandar=သန္တာ; Khin=ခင်; Mya=မြ; Nwe=နွယ်; Hnin=နှင်း;"
        "Phyu=ဖြူ; Thiri=သီရိ; Yadanar=ရတနာ; Mon=မွန်; Zin=ဇင်"
    ),
)
CHINESE = NameStyle(
    "family_given",
    _pairs(
        "Wei=伟; Qiang=强; Lei=磊; Jun=军; Yong=勇; Jie=杰; Tao=涛; Ming=明; Hao=浩;"
        "Jianguo=建国; Zhiwei=志伟; Haibo=海波"
    ),
    _pairs(
        "Fang=芳; Na=娜; Min=敏; Jing=静; Li=丽; Yan=艳; Xiuying=秀英; Hui=慧; Ting=婷;"
        "Xia=霞; Xiaohong=晓红; Lina=丽娜"
    ),
    _pairs(
        "Wang=王; Li=李; Zhang=张; Liu=刘; Chen=陈; Yang=杨; Huang=黄; Zhao=赵; Wu=吴;"
        "Zhou=周; Xu=徐; Sun=孙; Lu=陆; Ma=马"
    ),
    local_joiner="",
)
# Chinese names as spelt in Malaysia and Singapore (Hokkien, Cantonese, Hakka).
OVERSEAS_CHINESE = NameStyle(
    "family_given",
    _pairs(
        "Wei Ming=伟明; Kok Leong=国良; Chee Keong=志强; Boon Huat=文发; Jun Jie=俊杰;"
        "Kah Wai=家伟; Yong Sheng=永胜; Zhi Hao=志豪; Wen Long=文龙"
    ),
    _pairs(
        "Mei Ling=美玲; Siew Lan=秀兰; Hui Min=慧敏; Li Ting=丽婷; Jia Hui=佳慧;"
        "Pei Shan=佩珊; Xin Yi=欣怡; Shu Fen=淑芬; Yee Ling=怡玲"
    ),
    _pairs(
        "Tan=陈; Lim=林; Lee=李; Wong=黄; Ong=王; Goh=吴; Chan=陈; Yap=叶; Chong=张;"
        "Teo=张; Ng=黄; Koh=许"
    ),
    local_joiner="",
)
VIETNAMESE = NameStyle(
    "vietnamese",
    _pairs("Hùng; Dũng; Tuấn; Hải; Nam; Long; Sơn; Thắng; Cường; Hiếu; Quân; Phong"),
    _pairs("Lan; Hương; Mai; Hoa; Linh; Trang; Thảo; Hằng; Ngân; Phương; Yến; Nhung"),
    _pairs("Nguyễn; Trần; Lê; Phạm; Hoàng; Huỳnh; Phan; Vũ; Võ; Đặng; Bùi; Đỗ; Ngô; Dương"),
)
VIETNAMESE_MIDDLE = {
    "m": _pairs("Văn; Đức; Minh; Quang; Hữu; Thành; Công"),
    "f": _pairs("Thị; Ngọc; Thu; Thanh; Kim; Thùy; Hồng"),
}
INDONESIAN = NameStyle(
    "given_family",
    _pairs("Budi; Agus; Andi; Dedi; Hendra; Rizki; Eko; Joko; Wahyu; Fajar; Bambang; Yusuf"),
    _pairs("Siti; Dewi; Sri; Ratna; Indah; Wulan; Ayu; Rina; Fitri; Nur; Lestari; Putri"),
    _pairs(
        "Santoso; Wijaya; Saputra; Hidayat; Setiawan; Kurniawan; Pratama; Siregar;"
        "Nasution; Gunawan; Susanto; Harahap; Hakim; Simanjuntak"
    ),
)
MALAY = NameStyle(
    "patronymic",
    _pairs(
        "Ahmad; Mohd Faizal; Azman; Hafiz; Zulkifli; Kamal; Rizal; Hakim; Amir;"
        "Muhammad Firdaus; Syafiq; Ikhwan"
    ),
    _pairs(
        "Nurul Aina; Siti Aishah; Farah; Aminah; Nor Azlina; Zarina; Rohana; Aisyah;"
        "Haslinda; Nur Syafiqah; Fatimah"
    ),
    _pairs(
        "Ismail; Hassan; Abdullah; Othman; Yusof; Ibrahim; Abdul Rahman; Razak; Mahmud;"
        "Omar; Sulaiman; Hamid"
    ),
)
BRUNEIAN = NameStyle(
    "patronymic",
    _pairs(
        "Mohd Hazwan; Abdul Rahman; Khairul Anwar; Azmi; Shahrul Nizam; Amirul; Hafiz;"
        "Awang Ismail; Pengiran Faisal; Rosli"
    ),
    _pairs(
        "Nurul Huda; Siti Rafidah; Nur Amalina; Rosnah; Norhayati; Dayang Fatimah;"
        "Hajah Zainab; Nur Izzati; Rafidah; Aziemah"
    ),
    _pairs(
        "Haji Yusof; Haji Ali; Abdullah; Haji Mahmud; Othman; Haji Bakar; Metussin;"
        "Haji Tengah; Damit; Haji Salleh"
    ),
)
INDIAN = NameStyle(
    "patronymic",
    _pairs("Rajesh; Suresh; Ravi; Kumar; Ganesh; Arun; Vijay; Prakash; Muthu; Karthik"),
    _pairs("Priya; Kavitha; Lakshmi; Devi; Anjali; Meena; Shanthi; Revathi; Malini"),
    _pairs(
        "Subramaniam; Krishnan; Muniandy; Raman; Govindasamy; Rajoo; Pillai; Nair;"
        "Arumugam; Selvaraj"
    ),
    male_link="s/o",
    female_link="d/o",
)
FILIPINO = NameStyle(
    "given_family",
    _pairs("Jose; Juan; Mark; Rodel; Ramon; Carlo; Paolo; Antonio; Rogelio; Jerome; Noel"),
    _pairs("Maria; Ana; Kristine; Liza; Joy; Marites; Cristina; Rowena; Angelica; Grace"),
    _pairs(
        "Santos; Reyes; Cruz; Bautista; Garcia; Mendoza; Dela Cruz; Villanueva; Ramos;"
        "Aquino; Castillo; Navarro; Fernandez; Pascual"
    ),
)
TIMORESE = NameStyle(
    "given_family",
    _pairs("João; José; Manuel; António; Francisco; Domingos; Mateus; Agostinho; Lino"),
    _pairs("Maria; Ana; Joana; Teresa; Rosa; Filomena; Aurora; Lúcia; Madalena"),
    _pairs(
        "da Silva; dos Santos; Soares; Pereira; Ximenes; Guterres; da Costa; Martins;"
        "Fernandes; de Araújo; Amaral; Belo"
    ),
)

# (style, weight) per country.
STYLES: dict[str, tuple[tuple[NameStyle, int], ...]] = {
    "TH": ((THAI, 1),),
    "KH": ((KHMER, 1),),
    "LA": ((LAO, 1),),
    "MM": ((MYANMAR, 1),),
    "CN": ((CHINESE, 1),),
    "VN": ((VIETNAMESE, 1),),
    "ID": ((INDONESIAN, 1),),
    "MY": ((MALAY, 6), (OVERSEAS_CHINESE, 3), (INDIAN, 1)),
    "SG": ((OVERSEAS_CHINESE, 7), (MALAY, 2), (INDIAN, 1)),
    "BN": ((BRUNEIAN, 1),),
    "PH": ((FILIPINO, 1),),
    "TL": ((TIMORESE, 1),),
}


def _style_for(rng: random.Random, country: str) -> NameStyle:
    styles = STYLES[country]
    if len(styles) == 1:
        return styles[0][0]
    return rng.choices([s for s, _w in styles], weights=[w for _s, w in styles])[0]


def person_name(rng: random.Random, country: str, gender: str) -> tuple[str, str | None]:
    """A (Latin-script name, national-script name or None) for someone of ``country``."""
    style = _style_for(rng, country)
    given_pool = style.female if gender == "f" else style.male
    given = rng.choice(given_pool)
    if style.order == "syllables":
        parts = [given, rng.choice(given_pool)]
        while parts[1] == parts[0]:
            parts[1] = rng.choice(given_pool)
        third = rng.choice(given_pool)
        if rng.random() < 0.25 and third not in parts:
            parts.append(third)
        return " ".join(p[0] for p in parts), " ".join(str(p[1]) for p in parts)
    family = rng.choice(style.family)
    if style.order == "vietnamese":
        middle = rng.choice(VIETNAMESE_MIDDLE["f" if gender == "f" else "m"])
        full = f"{family[0]} {middle[0]} {given[0]}"
        return ascii_fold(full), full
    if style.order == "patronymic":
        link = style.female_link if gender == "f" else style.male_link
        return f"{given[0]} {link} {family[0]}", None
    if style.order == "family_given":
        joined = f"{family[1]}{style.local_joiner}{given[1]}" if family[1] and given[1] else None
        return f"{family[0]} {given[0]}", joined
    latin = f"{given[0]} {family[0]}"
    if style is FILIPINO and rng.random() < 0.4:
        latin = f"{given[0]} {rng.choice('ABCDGLMPRSTV')}. {family[0]}"
    national = f"{given[1]} {family[1]}" if given[1] and family[1] else None
    return latin, national
