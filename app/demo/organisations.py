"""Real organisations of the region (as named in 2011–2014), and made-up local ones.

Each entry is ``OrgInfo``; ``key`` names the few that the generator needs by
role (a country's environment ministry, the secretariat's partners).
"""

from __future__ import annotations

import dataclasses
import functools
import random
from dataclasses import dataclass

from app.demo.names import ascii_fold, nfc
from app.demo.places import CITIES


@dataclass(frozen=True)
class OrgInfo:
    name: str
    local: str | None
    abbreviation: str | None
    type: str
    country: str | None
    website: str | None
    key: str | None = None


def _orgs(country: str | None, text: str) -> tuple[OrgInfo, ...]:
    """Parse lines "type | name | national name | abbreviation | website | key"."""
    out = []
    for line in text.strip().splitlines():
        fields = [f.strip() for f in line.split("|")]
        fields += [""] * (6 - len(fields))
        kind, name, local, abbr, web, key = fields
        out.append(
            OrgInfo(
                nfc(name), nfc(local) or None, abbr or None, kind, country, web or None, key or None
            )
        )
    return tuple(out)


# Partners the plan names, and donors; SEC owns them on the secretariat's
# database, and every country office keeps its own copy of those it works with.
REGIONAL = _orgs(
    None,
    """
ministry | China–ASEAN Environmental Cooperation Center | 中国—东盟环境保护合作中心 | CAEC | http://www.chinaaseanenv.org | caec
intergovernmental | ASEAN Secretariat | 东盟秘书处 | ASEC | https://asean.org | asean
intergovernmental | ASEAN Centre for Biodiversity | 东盟生物多样性中心 | ACB | https://www.aseanbiodiversity.org | acb
partner | United Nations Environment Programme | 联合国环境规划署 | UNEP | https://www.unep.org | unep
ministry | China–ASEAN Expo Secretariat | 中国—东盟博览会秘书处 | CAEXPO | http://www.caexpo.org | expo
ministry | Mission of the People's Republic of China to ASEAN | 中华人民共和国常驻东盟使团 | | http://asean.china-mission.gov.cn | cafund
partner | United Nations Development Programme | 联合国开发计划署 | UNDP | https://www.undp.org | partner
partner | Asian Development Bank | 亚洲开发银行 | ADB | https://www.adb.org | partner
partner | Deutsche Gesellschaft für Internationale Zusammenarbeit | 德国国际合作机构 | GIZ | https://www.giz.de | partner
partner | Japan International Cooperation Agency | 日本国际协力机构 | JICA | https://www.jica.go.jp | partner
ngo | International Union for Conservation of Nature | 世界自然保护联盟 | IUCN | https://www.iucn.org | partner
""",
)

# Those based in China, and run by it, are Chinese organisations.
REGIONAL = tuple(
    dataclasses.replace(o, country="CN") if o.key in ("caec", "expo", "cafund") else o
    for o in REGIONAL
)

NATIONAL: dict[str, tuple[OrgInfo, ...]] = {
    "CN": _orgs(
        "CN",
        """
ministry | Ministry of Environmental Protection of the People's Republic of China | 中华人民共和国环境保护部 | MEP | http://www.mep.gov.cn | ministry
ministry | Foreign Economic Cooperation Office, Ministry of Environmental Protection | 环境保护部环境保护对外合作中心 | FECO | http://www.fecomee.org.cn
research | Chinese Research Academy of Environmental Sciences | 中国环境科学研究院 | CRAES | http://www.craes.cn
research | Policy Research Center for Environment and Economy | 环境保护部环境与经济政策研究中心 | PRCEE | http://www.prcee.org
school | Tsinghua University | 清华大学 | | https://www.tsinghua.edu.cn
school | Peking University | 北京大学 | PKU | https://www.pku.edu.cn
school | Guangxi University | 广西大学 | GXU | https://www.gxu.edu.cn
school | Yunnan University | 云南大学 | YNU | https://www.ynu.edu.cn
ngo | All-China Environment Federation | 中华环保联合会 | ACEF | http://www.acef.com.cn
ngo | China Environmental Protection Foundation | 中华环境保护基金会 | CEPF | http://www.cepf.org.cn
ministry | Department of Environmental Protection of Guangxi Zhuang Autonomous Region | 广西壮族自治区环境保护厅 | | http://sthjt.gxzf.gov.cn
company | China Energy Conservation and Environmental Protection Group | 中国节能环保集团公司 | CECEP | http://www.cecep.cn
company | Beijing Enterprises Water Group | 北控水务集团 | BEWG | https://www.bewg.net
""",
    ),
    "VN": _orgs(
        "VN",
        """
ministry | Ministry of Natural Resources and Environment | Bộ Tài nguyên và Môi trường | MONRE | https://monre.gov.vn | ministry
ministry | Viet Nam Environment Administration | Tổng cục Môi trường | VEA | http://vea.gov.vn
research | Institute of Strategy and Policy on Natural Resources and Environment | Viện Chiến lược, Chính sách tài nguyên và môi trường | ISPONRE | http://isponre.gov.vn
school | Vietnam National University, Hanoi | Đại học Quốc gia Hà Nội | VNU | https://vnu.edu.vn
school | Hanoi University of Science and Technology | Đại học Bách khoa Hà Nội | HUST | https://hust.edu.vn
school | Da Nang University of Technology | Trường Đại học Bách khoa – Đại học Đà Nẵng | DUT | https://dut.udn.vn
ngo | Green Innovation and Development Centre | Trung tâm Phát triển Sáng tạo Xanh | GreenID | https://greenidvietnam.org.vn
ministry | Viet Nam Environment Protection Fund | Quỹ Bảo vệ môi trường Việt Nam | VEPF | http://vepf.vn
company | Hanoi Urban Environment Company | Công ty TNHH MTV Môi trường đô thị Hà Nội | URENCO | http://urenco.com.vn
""",
    ),
    "KH": _orgs(
        "KH",
        """
ministry | Ministry of Environment | ក្រសួងបរិស្ថាន | MoE | https://www.moe.gov.kh | ministry
school | Royal University of Phnom Penh | សាកលវិទ្យាល័យភូមិន្ទភ្នំពេញ | RUPP | https://www.rupp.edu.kh
school | Royal University of Agriculture | សាកលវិទ្យាល័យភូមិន្ទកសិកម្ម | RUA | https://www.rua.edu.kh
school | Institute of Technology of Cambodia | វិទ្យាស្ថានបច្ចេកវិទ្យាកម្ពុជា | ITC | https://itc.edu.kh
research | Cambodia Development Resource Institute | | CDRI | https://cdri.org.kh
ngo | NGO Forum on Cambodia | | | https://www.ngoforum.org.kh
company | Cintri (Cambodia) Ltd. | | |
""",
    ),
    "LA": _orgs(
        "LA",
        """
ministry | Ministry of Natural Resources and Environment | ກະຊວງຊັບພະຍາກອນທຳມະຊາດ ແລະ ສິ່ງແວດລ້ອມ | MONRE | http://www.monre.gov.la | ministry
school | National University of Laos | ມະຫາວິທະຍາໄລແຫ່ງຊາດ | NUOL | http://www.nuol.edu.la
school | Souphanouvong University | ມະຫາວິທະຍາໄລສຸພານຸວົງ | SU | http://www.su.edu.la
ministry | Environment Protection Fund | ກອງທຶນປົກປັກຮັກສາສິ່ງແວດລ້ອມ | EPF | http://www.epf.org.la
ngo | Participatory Development Training Centre | | PADETC |
""",
    ),
    "MM": _orgs(
        "MM",
        """
ministry | Ministry of Environmental Conservation and Forestry | ပတ်ဝန်းကျင်ထိန်းသိမ်းရေးနှင့် သစ်တောရေးရာဝန်ကြီးဌာန | MOECAF | http://www.moecaf.gov.mm | ministry
ministry | Forest Department | သစ်တောဦးစီးဌာန | FD |
school | University of Yangon | ရန်ကုန်တက္ကသိုလ် | UY | https://www.uy.edu.mm
school | Yezin Agricultural University | ရေဆင်းစိုက်ပျိုးရေးတက္ကသိုလ် | YAU | https://www.yau.edu.mm
school | Mandalay University | မန္တလေးတက္ကသိုလ် | MU |
ngo | Myanmar Environment Institute | | MEI |
""",
    ),
    "TH": _orgs(
        "TH",
        """
ministry | Ministry of Natural Resources and Environment | กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม | MNRE | https://www.mnre.go.th | ministry
ministry | Pollution Control Department | กรมควบคุมมลพิษ | PCD | https://www.pcd.go.th
ministry | Office of Natural Resources and Environmental Policy and Planning | สำนักงานนโยบายและแผนทรัพยากรธรรมชาติและสิ่งแวดล้อม | ONEP | https://www.onep.go.th
ministry | Department of Environmental Quality Promotion | กรมส่งเสริมคุณภาพสิ่งแวดล้อม | DEQP | https://www.deqp.go.th
school | Chulalongkorn University | จุฬาลงกรณ์มหาวิทยาลัย | CU | https://www.chula.ac.th
school | Mahidol University | มหาวิทยาลัยมหิดล | MU | https://mahidol.ac.th
school | Chiang Mai University | มหาวิทยาลัยเชียงใหม่ | CMU | https://www.cmu.ac.th
research | Thailand Environment Institute | สถาบันสิ่งแวดล้อมไทย | TEI | https://www.tei.or.th
""",
    ),
    "ID": _orgs(
        "ID",
        """
ministry | Ministry of Environment | Kementerian Lingkungan Hidup | KLH | http://www.menlh.go.id | ministry
research | Indonesian Institute of Sciences | Lembaga Ilmu Pengetahuan Indonesia | LIPI | http://lipi.go.id
school | Bandung Institute of Technology | Institut Teknologi Bandung | ITB | https://www.itb.ac.id
school | University of Indonesia | Universitas Indonesia | UI | https://www.ui.ac.id
school | Bogor Agricultural University | Institut Pertanian Bogor | IPB | https://ipb.ac.id
ngo | Indonesian Forum for the Environment | Wahana Lingkungan Hidup Indonesia | WALHI | https://www.walhi.or.id
company | PT Prasadha Pamunah Limbah Industri | PT Prasadha Pamunah Limbah Industri | PPLI | https://ppli.co.id
""",
    ),
    "MY": _orgs(
        "MY",
        """
ministry | Ministry of Natural Resources and Environment | Kementerian Sumber Asli dan Alam Sekitar | NRE | http://www.nre.gov.my | ministry
ministry | Department of Environment | Jabatan Alam Sekitar | DOE | https://www.doe.gov.my
school | University of Malaya | Universiti Malaya | UM | https://www.um.edu.my
school | National University of Malaysia | Universiti Kebangsaan Malaysia | UKM | https://www.ukm.my
research | Forest Research Institute Malaysia | Institut Penyelidikan Perhutanan Malaysia | FRIM | https://www.frim.gov.my
ngo | Malaysian Nature Society | Persatuan Pencinta Alam Malaysia | MNS | https://www.mns.my
company | SIRIM Berhad | SIRIM Berhad | SIRIM | https://www.sirim.my
company | Kualiti Alam Sdn Bhd | Kualiti Alam Sdn Bhd | | https://www.kualitialam.com
""",
    ),
    "PH": _orgs(
        "PH",
        """
ministry | Department of Environment and Natural Resources | Kagawaran ng Kapaligiran at Likas na Yaman | DENR | https://www.denr.gov.ph | ministry
ministry | Environmental Management Bureau | Kawanihan ng Pamamahala sa Kapaligiran | EMB | https://emb.gov.ph
school | University of the Philippines Los Baños | Unibersidad ng Pilipinas Los Baños | UPLB | https://uplb.edu.ph
school | Ateneo de Manila University | Pamantasang Ateneo de Manila | ADMU | https://www.ateneo.edu
school | De La Salle University | Pamantasang De La Salle | DLSU | https://www.dlsu.edu.ph
ngo | Haribon Foundation | | | https://haribon.org.ph
company | Manila Water Company | | | https://www.manilawater.com
""",
    ),
    "SG": _orgs(
        "SG",
        """
ministry | Ministry of the Environment and Water Resources | 新加坡环境及水源部 | MEWR | https://www.mewr.gov.sg | ministry
ministry | National Environment Agency | 国家环境局 | NEA | https://www.nea.gov.sg
ministry | PUB, Singapore's National Water Agency | 公用事业局 | PUB | https://www.pub.gov.sg
school | National University of Singapore | 新加坡国立大学 | NUS | https://www.nus.edu.sg
school | Nanyang Technological University | 南洋理工大学 | NTU | https://www.ntu.edu.sg
ngo | Singapore Environment Council | 新加坡环境理事会 | | https://sec.org.sg
company | Sembcorp Industries | 胜科工业 | | https://www.sembcorp.com
""",
    ),
    "BN": _orgs(
        "BN",
        """
ministry | Ministry of Development | Kementerian Pembangunan | MoD | http://www.mod.gov.bn | ministry
ministry | Department of Environment, Parks and Recreation | Jabatan Alam Sekitar, Taman dan Rekreasi | JASTRe | http://www.env.gov.bn
school | Universiti Brunei Darussalam | Universiti Brunei Darussalam | UBD | https://ubd.edu.bn
school | Institut Teknologi Brunei | Institut Teknologi Brunei | ITB | https://www.utb.edu.bn
ministry | Heart of Borneo Centre | Pusat Heart of Borneo | HoB |
""",
    ),
    "TL": _orgs(
        "TL",
        """
ministry | Secretariat of State for the Environment | Secretaria de Estado do Meio Ambiente | SEMA | | ministry
school | National University of Timor Lorosa'e | Universidade Nacional Timor Lorosa'e | UNTL | https://www.untl.edu.tl
school | Dili Institute of Technology | Instituto de Tecnologia de Díli | DIT |
ngo | Haburas Foundation | Fundasaun Haburas | |
""",
    ),
}

COMPANY_SUFFIX = {
    "VN": "JSC", "KH": "Co., Ltd.", "LA": "Co., Ltd.", "MM": "Co., Ltd.", "TH": "Co., Ltd.",
    "CN": "Co., Ltd.", "ID": "", "MY": "Sdn Bhd", "PH": "Inc.", "SG": "Pte Ltd",
    "BN": "Sdn Bhd", "TL": "Lda",
}  # fmt: skip
COMPANY_WORDS = (
    "Green Solutions", "Environmental Engineering", "Clean Water", "EnviroTech", "Eco Recycling",
    "Waste Management", "Solar Energy", "Environmental Consulting", "Biogas Systems",
    "Water Treatment",
)  # fmt: skip
# Provincial environment departments: English name and, where we know its
# form, the national-language name.
DEPARTMENTS = {
    "VN": (
        "{city} Department of Natural Resources and Environment",
        "Sở Tài nguyên và Môi trường {city}",
    ),
    "CN": ("{city} Environmental Protection Bureau", "{city}市环境保护局"),
    "TH": (
        "{city} Provincial Office of Natural Resources and Environment",
        "สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อม{city}",
    ),
    "KH": ("{city} Provincial Department of Environment", "មន្ទីរបរិស្ថាន{city}"),
    "LA": (
        "{city} Department of Natural Resources and Environment",
        "ພະແນກຊັບພະຍາກອນທຳມະຊາດ ແລະ ສິ່ງແວດລ້ອມ {city}",
    ),
}
DEFAULT_DEPARTMENT = ("{city} Environment Office", None)


_SMALL_WORDS = {"of", "and", "the", "for", "on", "de", "do", "no."}


def _slug(text: str) -> str:
    words = [w for w in ascii_fold(text).lower().replace(",", " ").split() if w not in _SMALL_WORDS]
    letters = "".join(w[0] for w in words if w[0].isalnum()) if len(words) > 1 else "".join(words)
    return "".join(c for c in letters if c.isalnum())[:20] or "org"


@functools.cache
def mail_domain(org: OrgInfo) -> str:
    """A made-up but plausible e-mail domain for an organisation (never a real one)."""
    base = org.abbreviation.lower() if org.abbreviation else _slug(org.name)
    base = "".join(c for c in ascii_fold(base) if c.isalnum())
    return f"{base}.{(org.country or 'int').lower()}.example"


def made_up_organisation(rng: random.Random, country: str, kind: str) -> OrgInfo:
    """A local organisation of a given type, named after a real city of ``country``."""
    city = rng.choice(CITIES[country])
    if kind == "ministry":
        name, local = DEPARTMENTS.get(country, DEFAULT_DEPARTMENT)
        return OrgInfo(
            name.format(city=city.name),
            nfc(local.format(city=city.local)) if local and city.local else None,
            None,
            kind,
            country,
            None,
        )
    if kind == "school":
        pattern = rng.choice(
            (
                "{city} No. {n} Secondary School",
                "{city} Science High School",
                "{city} Teachers' College",
                "{city} Technical College",
                "University of {city}",
                "{city} International School",
            )
        )
        return OrgInfo(
            pattern.format(city=city.name, n=rng.randint(1, 12)), None, None, kind, country, None
        )
    if kind == "company":
        word = rng.choice(COMPANY_WORDS)
        suffix = COMPANY_SUFFIX[country]
        name = f"PT {city.name} {word}" if country == "ID" else f"{city.name} {word} {suffix}"
        return OrgInfo(name, None, None, kind, country, None)
    if kind == "ngo":
        pattern = rng.choice(
            (
                "{city} Green Youth Club",
                "{city} Environmental Volunteers Network",
                "Friends of the Environment, {city}",
                "{city} Community Forestry Association",
                "{city} Women and Environment Network",
            )
        )
        return OrgInfo(pattern.format(city=city.name), None, None, kind, country, None)
    pattern = rng.choice(
        (
            "{city} Institute of Environmental Science",
            "{city} Environmental Monitoring Centre",
            "{city} Centre for Water Resources Research",
            "{city} Institute for Climate and Environment",
        )
    )
    return OrgInfo(pattern.format(city=city.name), None, None, "research", country, None)
