"""Public alias facts: acronyms and alternative spellings of Indian schemes, agencies and places.

Each entry is (node type, canonical name, aliases). Sources are public: the schemes' and
agencies' own names as published by the Ministry of MSME, Ministry of Textiles, Ministry of
Rural Development and the LGD directory; renamed districts are as notified by the states and
recorded in LGD. Only facts, no prose. `kb/resolve.py` indexes these before any data.
"""

from __future__ import annotations

import csv
from pathlib import Path

AGENCIES: list[tuple[str, list[str]]] = [
    ("Bihar Rural Livelihoods Promotion Society", ["JEEViKA", "BRLPS", "Jeevika Bihar"]),
    (
        "Ministry of Micro, Small and Medium Enterprises",
        [
            "Ministry of MSME",
            "MoMSME",
            "MSME Ministry",
            "MSME",
            "Ministry Of Micro Small and Medium Enterprises",
        ],
    ),
    (
        "Office of the Development Commissioner (MSME)",
        ["DC MSME", "DC-MSME", "DC (MSME)", "O/o DC (MSME)", "Development Commissioner (MSME)"],
    ),
    (
        "Development Commissioner (Handlooms)",
        [
            "DC Handloom",
            "DC Handlooms",
            "DC (Handlooms)",
            "Office of the Development Commissioner for Handlooms",
        ],
    ),
    (
        "Development Commissioner (Handicrafts)",
        [
            "DC Handicraft",
            "DC Handicrafts",
            "DC (Handicrafts)",
            "Office of the Development Commissioner for Handicrafts",
        ],
    ),
    ("North Eastern Council", ["NEC"]),
    ("Khadi and Village Industries Commission", ["KVIC"]),
    ("Indian Institute of Entrepreneurship", ["IIE", "IIE Guwahati"]),
    ("National Bank for Agriculture and Rural Development", ["NABARD"]),
    ("Small Industries Development Bank of India", ["SIDBI"]),
    ("National Small Industries Corporation", ["NSIC", "NSIC Ltd"]),
    ("District Rural Development Agency", ["DRDA"]),
    ("District Industries Centre", ["DIC"]),
    ("Ministry of Textiles", ["Ministry of Textile", "Minsitry of Textile", "MoT"]),
    (
        "Ministry of Agriculture and Farmers Welfare",
        ["Ministry of Agriculture & Farmers' Welfare", "Ministry of Agriculture", "MoA&FW"],
    ),
    (
        "Ministry of Food Processing Industries",
        ["Ministry of Food Processing", "MoFPI", "Ministry of Food Processing Industries."],
    ),
    ("Ministry of Fisheries, Animal Husbandry and Dairying", ["Ministry of Fisheries", "MoFAH&D"]),
    ("Department of Fisheries", []),
    (
        "Ministry of Heavy Industries",
        ["Minstry of Heavy Industries", "Ministry of Heavy Industries and Public Enterprises"],
    ),
    ("Ministry of Electronics and Information Technology", ["MeitY"]),
    ("Ministry of Ayush", ["AYUSH"]),
    ("Ministry of Mines", []),
    ("Ministry of Commerce and Industry", ["Ministry of Commerce and Industry."]),
    ("Ministry of Rural Development", ["MoRD"]),
    ("Ministry of Tourism", []),
    ("Ministry of Chemicals and Fertilizers", ["Ministry of Chemicals & Fertilizers"]),
    ("Ministry of Petroleum and Natural Gas", ["MoPNG"]),
    ("Coir Board", []),
    ("Central Silk Board", ["CSB"]),
    (
        "Grant Thornton Bharat",
        ["Grant Thornton Bharat LLP", "GT Bharat", "Grant Thornton India", "GT India"],
    ),
    ("State Bank of India", ["SBI"]),
    (
        "United Nations Industrial Development Organization",
        ["UNIDO", "United Nations Industrial Development Organisation"],
    ),
    ("Entrepreneurship Development Institute of India", ["EDII", "EDI India"]),
    ("Department for Promotion of Industry and Internal Trade", ["DPIIT", "DIPP"]),
    ("Invest India", []),
    # state industrial development corporations, by the acronyms they publish
    ("Odisha Industrial Infrastructure Development Corporation", ["IDCO"]),
    ("Andhra Pradesh Industrial Infrastructure Corporation", ["APIIC"]),
    ("Telangana State Industrial Infrastructure Corporation", ["TSIIC"]),
    ("Karnataka Industrial Areas Development Board", ["KIADB"]),
    ("Maharashtra Industrial Development Corporation", ["MIDC"]),
    ("Gujarat Industrial Development Corporation", ["GIDC"]),
    ("Rajasthan State Industrial Development and Investment Corporation", ["RIICO"]),
    ("Tamil Nadu Small Industries Development Corporation", ["SIDCO", "TANSIDCO"]),
    ("State Industries Promotion Corporation of Tamil Nadu", ["SIPCOT"]),
    (
        "Haryana State Industrial and Infrastructure Development Corporation",
        ["HSIIDC", "HSIIDC Ltd"],
    ),
    ("Punjab Small Industries and Export Corporation", ["PSIEC"]),
    ("Uttar Pradesh State Industrial Development Authority", ["UPSIDA"]),
    ("Bihar Industrial Area Development Authority", ["BIADA"]),
    ("Jharkhand Industrial Area Development Authority", ["JIADA"]),
    ("Kerala State Industrial Development Corporation", ["KSIDC"]),
]


def _with_table(entries: list[tuple[str, list[str]]], path: Path) -> list[tuple[str, list[str]]]:
    """`entries` with the rows of a bodies table (name, aliases separated by ";", kind,
    source): a row naming a body already listed adds its aliases to it, any other is a new
    entry. The table (kb/bodies.csv) holds national institutes, councils, corporations,
    financial institutions, ministries' short names and state corporations, each with the
    official site its name and acronym are taken from."""
    out = [(name, list(aliases)) for name, aliases in entries]
    index = {name.lower(): i for i, (name, _) in enumerate(out)}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            name = row["name"].strip()
            aliases = [a.strip() for a in row["aliases"].split(";") if a.strip()]
            if not row["source"].strip():
                raise ValueError(f"{path.name}: {name} has no source")
            if name.lower() in index:
                known = out[index[name.lower()]][1]
                known += [a for a in aliases if a not in known]
            else:
                index[name.lower()] = len(out)
                out.append((name, aliases))
    return out


AGENCIES = _with_table(AGENCIES, Path(__file__).with_name("bodies.csv"))

# Offices that every district or state has, written as an acronym and the place ("MSME-DI
# Karnal", "WSC, Bhagalpur", "DIC Sonipat"; "J&K KVIB" with the state first): the acronym's
# full name, qualified by the place, names the office.
PLACE_OFFICES: dict[str, str] = {
    "MSME-DI": "MSME Development Institute",
    "MSME DI": "MSME Development Institute",
    "DIC": "District Industries Centre",
    "WSC": "Weavers' Service Centre",
    "DI": "MSME Development Institute",
}
STATE_BOARDS: dict[str, str] = {
    "KVIB": "Khadi and Village Industries Board",
    "SIDC": "State Industrial Development Corporation",
}
STATE_SHORT: dict[str, str] = {"J&K": "Jammu and Kashmir", "JK": "Jammu and Kashmir",
                               "UP": "Uttar Pradesh", "MP": "Madhya Pradesh",
                               "TN": "Tamil Nadu", "AP": "Andhra Pradesh", "HP": "Himachal Pradesh",
                               "WB": "West Bengal"}  # fmt: skip

# Aliases that resolve table labels but are ordinary words in running text ("MSME clusters").
NOT_IN_TEXT = {"MSME", "MoT", "AYUSH", "DIC", "CGS"}

SCHEMES: list[tuple[str, list[str]]] = [
    (
        "Micro and Small Enterprises Cluster Development Programme",
        [
            "MSE-CDP",
            "MSECDP",
            "MSE CDP",
            "Micro & Small Enterprises Cluster Development Programme",
            "Micro and Small Enterprises - Cluster Development Programme",
            # the Ministry of MSME's one cluster development programme, written with "Medium"
            # as the ministry's name is (the bundled Bokaro report: "the Micro, Small, and
            # Medium Enterprises (MSME) Cluster Development Program (CDP) Scheme")
            "Micro, Small and Medium Enterprises Cluster Development Programme",
        ],
    ),
    (
        "Scheme of Fund for Regeneration of Traditional Industries",
        # "Sfurti": as its clusters' own names write it ("Sfurti Phulkari Cluster")
        ["SFURTI", "SFURTI Scheme", "Sfurti"],
    ),
    ("Prime Minister's Employment Generation Programme", ["PMEGP"]),
    (
        "PM Formalisation of Micro Food Processing Enterprises",
        [
            "PMFME",
            "PM FME",
            "PM-FME",
            "Pradhan Mantri Formalisation of Micro Food Processing Enterprises",
        ],
    ),
    ("One District One Product", ["ODOP", "One District One Product Programme"]),
    ("Raising and Accelerating MSME Performance", ["RAMP"]),
    ("Zero Defect Zero Effect", ["ZED", "MSME Sustainable (ZED) Certification Scheme"]),
    ("Swarnajayanti Gram Swarozgar Yojana", ["SGSY"]),
    ("Backward Regions Grant Fund", ["BRGF", "Backward Region Grant Fund"]),
    ("National Handloom Development Programme", ["NHDP"]),
    ("Pradhan Mantri Mudra Yojana", ["PMMY", "PM Mudra", "MUDRA"]),
    (
        "Deendayal Antyodaya Yojana - National Rural Livelihoods Mission",
        ["DAY-NRLM", "NRLM", "National Rural Livelihoods Mission", "Aajeevika"],
    ),
    ("Credit Guarantee Fund Scheme for Micro and Small Enterprises", ["CGTMSE", "CGS"]),
    ("Design Clinic Scheme", ["Design Clinic Scheme for MSMEs"]),
    ("Mukhyamantri Mahila Udyami Yojana", ["Mukhyamantri Mahila Udyami Yojna", "MMUY"]),
    # the cluster schemes of the Ministry of Textiles and DPIIT, by the acronyms their guidelines
    # and the registry's rows write ("CPCDS (Powerloom Mega Cluster)", "IIUS (DIPP)"): one node
    # for a scheme however a row or a document names it (texmin.nic.in, handlooms.nic.in,
    # dpiit.gov.in). "CHCDS" is no alias: it is the handloom and the handicrafts scheme both.
    ("Comprehensive Powerloom Cluster Development Scheme", ["CPCDS"]),
    ("Integrated Handloom Cluster Development Programme", ["IHCDP"]),
    ("Integrated Handloom Development Scheme", ["IHDS"]),
    ("Industrial Infrastructure Upgradation Scheme", ["IIUS"]),
    ("North East Region Textile Promotion Scheme", ["NERTPS"]),
]

# (LGD state name, LGD district name, alias): renamed districts and common old spellings.
DISTRICTS: list[tuple[str, str, str]] = [
    ("HARYANA", "NUH", "Mewat"),
    ("HARYANA", "GURUGRAM", "Gurgaon"),
    ("UTTAR PRADESH", "PRAYAGRAJ", "Allahabad"),
    ("UTTAR PRADESH", "AYODHYA", "Faizabad"),
    ("MADHYA PRADESH", "NARMADAPURAM", "Hoshangabad"),
    ("MAHARASHTRA", "AURANGABAD", "Chhatrapati Sambhajinagar"),
    ("MAHARASHTRA", "OSMANABAD", "Dharashiv"),
    ("KARNATAKA", "BENGALURU URBAN", "Bangalore Urban"),
    ("KARNATAKA", "BELAGAVI", "Belgaum"),
    ("KARNATAKA", "MYSURU", "Mysore"),
    ("ODISHA", "BALESHWAR", "Balasore"),
    # Odisha's districts as English writing and their own district sites spell them
    ("ODISHA", "KENDUJHAR", "Keonjhar"),
    ("ODISHA", "ANUGUL", "Angul"),
    ("ODISHA", "BALANGIR", "Bolangir"),
    ("ODISHA", "JAGATSINGHAPUR", "Jagatsinghpur"),
    ("ODISHA", "JAJAPUR", "Jajpur"),
    ("ODISHA", "KHORDHA", "Khurda"),
    ("ODISHA", "SUNDARGARH", "Sundergarh"),
    ("ODISHA", "SONEPUR", "Subarnapur"),
    ("BIHAR", "MUZAFFARPUR", "Muzzaffarpur"),
    ("BIHAR", "KAIMUR (BHABUA)", "Kaimur"),
    ("JHARKHAND", "BOKARO", "Bokaro Steel City"),
    ("KERALA", "ERNAKULAM", "Kochi"),
    ("KERALA", "ERNAKULAM", "Cochin"),
    ("KERALA", "THIRUVANANTHAPURAM", "Trivandrum"),
    ("WEST BENGAL", "KOLKATA", "Calcutta"),
    ("TAMIL NADU", "CHENNAI", "Madras"),
    ("KARNATAKA", "BENGALURU URBAN", "Bengaluru"),
    ("KARNATAKA", "BENGALURU URBAN", "Bangalore"),
    ("BIHAR", "PURBI CHAMPARAN", "East Champaran"),
    ("BIHAR", "PASHCHIM CHAMPARAN", "West Champaran"),
    ("ANDHRA PRADESH", "Y.S.R.", "Kadapa"),
    ("ANDHRA PRADESH", "Y.S.R.", "YSR Kadapa"),
    ("ANDHRA PRADESH", "Y.S.R.", "Cuddapah"),
    ("ANDHRA PRADESH", "SPSR NELLORE", "Nellore"),
    ("ASSAM", "KAMRUP METRO", "Kamrup Metropolitan"),
    # Karnataka's districts renamed in 2014, still written with the older names
    ("KARNATAKA", "BAGALKOTE", "Bagalkot"),
    ("KARNATAKA", "BALLARI", "Bellary"),
    ("KARNATAKA", "VIJAYAPURA", "Bijapur"),
    ("KARNATAKA", "KALABURAGI", "Gulbarga"),
    ("KARNATAKA", "SHIVAMOGGA", "Shimoga"),
    ("KARNATAKA", "TUMAKURU", "Tumkur"),
    ("KARNATAKA", "CHIKKAMAGALURU", "Chikmagalur"),
    ("KARNATAKA", "CHAMARAJANAGARA", "Chamarajanagar"),
    # the names the districts are known by in English writing
    ("GUJARAT", "KACHCHH", "Kutch"),
    ("JHARKHAND", "EAST SINGHBUM", "East Singhbhum"),  # LGD spells it without the second h
    # districts named after their headquarters towns, by the towns' former or everyday English
    # names (public renamings: Bombay to Mumbai in 1995, Mangalore to Mangaluru in 2014, the
    # Kerala towns' Malayalam names; "Trichy", "Vizag" as the press writes them; LGD still
    # spells Tuticorin and Visakhapatanam)
    ("TAMIL NADU", "TIRUCHIRAPPALLI", "Trichy"),
    ("TAMIL NADU", "TIRUCHIRAPPALLI", "Tiruchi"),
    ("TAMIL NADU", "TUTICORIN", "Thoothukudi"),
    ("TAMIL NADU", "TUTICORIN", "Thoothukkudi"),
    ("TAMIL NADU", "KANCHIPURAM", "Kancheepuram"),
    ("TAMIL NADU", "THE NILGIRIS", "Nilgiris"),
    ("KERALA", "KOZHIKODE", "Calicut"),
    ("KERALA", "THRISSUR", "Trichur"),
    ("KERALA", "ALAPPUZHA", "Alleppey"),
    ("KERALA", "KANNUR", "Cannanore"),
    ("KERALA", "KOLLAM", "Quilon"),
    ("KERALA", "PALAKKAD", "Palghat"),
    ("MAHARASHTRA", "MUMBAI", "Bombay"),
    ("MAHARASHTRA", "PUNE", "Poona"),
    ("GUJARAT", "VADODARA", "Baroda"),
    ("ANDHRA PRADESH", "VISAKHAPATANAM", "Visakhapatnam"),
    ("ANDHRA PRADESH", "VISAKHAPATANAM", "Vizag"),
    ("UTTAR PRADESH", "VARANASI", "Banaras"),
    ("UTTAR PRADESH", "VARANASI", "Benares"),
    ("PUNJAB", "S.A.S Nagar", "Mohali"),
    ("PUNJAB", "SRI MUKTSAR SAHIB", "Muktsar"),
    ("UTTARAKHAND", "HARIDWAR", "Hardwar"),
    ("KARNATAKA", "DAKSHINA KANNADA", "Mangaluru"),
    ("KARNATAKA", "DAKSHINA KANNADA", "Mangalore"),
    ("KARNATAKA", "DAVANGERE", "Davanagere"),
    ("KARNATAKA", "DHARWAD", "Hubballi"),
    ("KARNATAKA", "DHARWAD", "Hubli"),
]

# Direction words a district's name may be written with, in English or an Indian language, and
# where they stand: "Medinipur West" is also written "West Medinipur" and "Paschim Medinipur"
# (ingest/places.py `direction_variants`).
DIRECTIONS: dict[str, tuple[str, ...]] = {
    "east": ("east", "purba", "purbi", "purva"),
    "west": ("west", "paschim", "pashchim"),
    "north": ("north", "uttar"),
    "south": ("south", "dakshin", "dakshina"),
}

# (LGD state name, a word as LGD spells it inside district names, its older spelling): every
# district name holding the word is also known with the old spelling ("Midnapore" for
# "Medinipur": "West Midnapore").
OLD_SPELLINGS: list[tuple[str, str, str]] = [
    ("WEST BENGAL", "Medinipur", "Midnapore"),
    ("WEST BENGAL", "Bardhaman", "Burdwan"),
]

# (LGD state name, aliases).
STATES: list[tuple[str, list[str]]] = [
    ("ODISHA", ["Orissa"]),
    ("UTTARAKHAND", ["Uttaranchal", "Uttrakhand"]),
    ("PUDUCHERRY", ["Pondicherry"]),
    ("JAMMU AND KASHMIR", ["Jammu & Kashmir", "J&K"]),
    ("DELHI", ["NCT of Delhi", "National Capital Territory of Delhi", "New Delhi"]),
    ("ANDAMAN AND NICOBAR ISLANDS", ["Andaman & Nicobar", "Andaman and Nicobar", "A&N Islands"]),
    (
        "THE DADRA AND NAGAR HAVELI AND DAMAN AND DIU",
        [
            "Dadra and Nagar Haveli and Daman and Diu",
            "Dadra & Nagar Haveli (UT) Daman & Diu (UT)",
            "Dadra and Nagar Haveli & Daman and Diu",
            "DNH&DD",
            "Dadra & Nagar Haveli and Daman & Diu",
        ],
    ),
    ("TAMIL NADU", ["Tamilnadu"]),
    ("TELANGANA", ["Telengana"]),
    ("CHHATTISGARH", ["Chattisgarh"]),
    # the first word alone, as the states are commonly called ("clusters in Himachal")
    ("HIMACHAL PRADESH", ["Himachal"]),
    ("ARUNACHAL PRADESH", ["Arunachal"]),
    ("ANDHRA PRADESH", ["Andhra"]),
]
