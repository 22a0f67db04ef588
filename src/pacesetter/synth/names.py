"""Built-in word lists for the synthetic org: no network, no external name packages.

Lists are tuples so their order (and so the generated data) never depends on hashing.
"""

FIRST_NAMES = (
    "Aaliyah", "Aaron", "Abigail", "Adam", "Adaeze", "Adrian", "Aisha", "Alan", "Alejandro",
    "Alexis", "Alice", "Amara", "Amelia", "Amir", "Ana", "Andre", "Andrew", "Anika", "Anna",
    "Anthony", "Arjun", "Astrid", "Ben", "Bianca", "Brandon", "Bruno", "Caleb", "Camila",
    "Carlos", "Caroline", "Chen", "Chloe", "Chris", "Claire", "Daniel", "Daria", "David",
    "Deepa", "Diego", "Dmitri", "Elena", "Eli", "Elif", "Emeka", "Emily", "Emma", "Eric",
    "Esther", "Ethan", "Eva", "Fatima", "Felix", "Fiona", "Francesca", "Gabriel", "Grace",
    "Hana", "Hannah", "Hassan", "Helen", "Henry", "Hugo", "Ian", "Imani", "Ines", "Isaac",
    "Isabel", "Ivan", "Jack", "Jada", "James", "Jasmine", "Javier", "Jenna", "Jin", "Joao",
    "Jonas", "Jordan", "Jose", "Julia", "Kai", "Kate", "Kenji", "Kevin", "Kofi", "Laila",
    "Lars", "Laura", "Leah", "Leo", "Liam", "Lina", "Lucas", "Lucia", "Luis", "Maya",
    "Mateo", "Matthew", "Mei", "Mia", "Michael", "Mohammed", "Nadia", "Naomi", "Nathan",
    "Nia", "Nikhil", "Nina", "Noah", "Olivia", "Omar", "Oscar", "Paula", "Pedro", "Priya",
    "Rafael", "Rahul", "Rebecca", "Ren", "Rosa", "Ryan", "Sam", "Samira", "Sara", "Sebastian",
    "Sofia", "Sophie", "Stefan", "Sunita", "Tariq", "Tessa", "Thomas", "Tomas", "Uma",
    "Valentina", "Victor", "Wei", "William", "Yara", "Yusuf", "Zara", "Zoe",
)  # fmt: skip

LAST_NAMES = (
    "Abbott", "Adeyemi", "Ahmed", "Alvarez", "Andersen", "Bailey", "Baker", "Banerjee",
    "Barnes", "Becker", "Bennett", "Bergstrom", "Brooks", "Brown", "Campbell", "Carter",
    "Castillo", "Chan", "Chavez", "Clarke", "Cohen", "Collins", "Cooper", "Costa", "Cruz",
    "Das", "Davies", "Dubois", "Duong", "Edwards", "Eriksson", "Evans", "Fernandes",
    "Fischer", "Fitzgerald", "Flores", "Foster", "Garcia", "Gomez", "Gonzalez", "Graham",
    "Gray", "Green", "Gupta", "Hall", "Hansen", "Harris", "Hayes", "Hernandez", "Hill",
    "Hoffmann", "Hughes", "Ibrahim", "Ito", "Jackson", "Jansen", "Jensen", "Johnson", "Jones",
    "Kaur", "Kelly", "Khan", "Kim", "Klein", "Kowalski", "Kumar", "Larsen", "Laurent", "Lee",
    "Lewis", "Lindqvist", "Lopez", "Martin", "Martinez", "Mehta", "Mendes", "Meyer", "Miller",
    "Mitchell", "Moreau", "Morgan", "Morris", "Murphy", "Nakamura", "Nguyen", "Nielsen",
    "Novak", "Nowak", "Obi", "Okafor", "Oliveira", "Olsen", "Ortiz", "Owens", "Park", "Patel",
    "Perez", "Peters", "Petrov", "Phillips", "Price", "Quinn", "Ramirez", "Reddy", "Reyes",
    "Richter", "Rivera", "Roberts", "Robinson", "Rodriguez", "Rossi", "Russo", "Sanchez",
    "Santos", "Sato", "Schmidt", "Schneider", "Scott", "Shah", "Silva", "Singh", "Smith",
    "Sousa", "Stewart", "Sullivan", "Suzuki", "Tanaka", "Taylor", "Thompson", "Torres",
    "Turner", "Varga", "Vasquez", "Wagner", "Walker", "Wang", "Ward", "Watson", "Weber",
    "White", "Williams", "Wilson", "Wong", "Wright", "Yamamoto", "Young", "Zhang", "Zimmermann",
)  # fmt: skip

COMPANY_NAMES = (
    "Brightline",
    "Northwind",
    "Keystone",
    "Bluepeak",
    "Ironwood",
    "Summit Forge",
)

# Account names are built as PREFIX + STEM + " " + INDUSTRY, e.g. "Bluepeak Logistics".
ACCOUNT_PREFIXES = (
    "Alder", "Amber", "Apex", "Arc", "Aspen", "Atlas", "Beacon", "Birch", "Blue", "Bold",
    "Bright", "Broad", "Canyon", "Cedar", "Clear", "Cobalt", "Coral", "Crest", "Crystal",
    "Delta", "Eagle", "East", "Echo", "Elm", "Ember", "Falcon", "Fern", "First", "Fox",
    "Golden", "Granite", "Green", "Harbor", "Hawk", "High", "Indigo", "Iron", "Jade", "Juniper",
    "Lake", "Lark", "Linden", "Maple", "Meadow", "Mesa", "Metro", "Midland", "Nova", "Oak",
    "Ocean", "Onyx", "Orbit", "Pacific", "Pine", "Pioneer", "Polar", "Prairie", "Quarry",
    "Quest", "Rapid", "Raven", "Red", "Ridge", "River", "Rock", "Sage", "Silver", "Sky",
    "Solar", "Spring", "Star", "Stone", "Storm", "Sun", "Swift", "Terra", "Tide", "Timber",
    "True", "Union", "Valley", "Vector", "Vista", "West", "Willow", "Wind", "Zen",
)  # fmt: skip

ACCOUNT_STEMS = (
    "bay", "bridge", "brook", "core", "crest", "dale", "field", "ford", "gate", "haven",
    "hill", "line", "mark", "mont", "path", "peak", "point", "port", "shore", "side",
    "stone", "view", "ware", "wave", "well", "wood", "works", "way",
)  # fmt: skip

INDUSTRIES = (
    "Analytics", "Bank", "Biotech", "Builders", "Capital", "Clinics", "Consulting",
    "Dynamics", "Energy", "Engineering", "Foods", "Freight", "Group", "Health", "Holdings",
    "Industries", "Insurance", "Labs", "Logistics", "Manufacturing", "Media", "Motors",
    "Networks", "Partners", "Pharma", "Retail", "Robotics", "Software", "Systems", "Telecom",
    "Textiles", "Travel", "Utilities", "Ventures",
)  # fmt: skip

# Team territories (regions) with the cities their reps cover.
REGIONS = (
    ("Northeast", ("Boston", "New York", "Hartford", "Providence", "Albany", "Portland ME")),
    ("Mid-Atlantic", ("Philadelphia", "Baltimore", "Washington", "Pittsburgh", "Richmond")),
    ("Southeast", ("Atlanta", "Charlotte", "Miami", "Orlando", "Nashville", "Tampa")),
    ("Great Lakes", ("Chicago", "Detroit", "Cleveland", "Milwaukee", "Columbus", "Indianapolis")),
    ("Central", ("Minneapolis", "St. Louis", "Kansas City", "Omaha", "Des Moines")),
    ("Texas", ("Dallas", "Houston", "Austin", "San Antonio", "Fort Worth")),
    ("Mountain", ("Denver", "Salt Lake City", "Phoenix", "Boise", "Albuquerque", "Las Vegas")),
    ("California", ("San Francisco", "Los Angeles", "San Diego", "San Jose", "Sacramento")),
    ("Pacific Northwest", ("Seattle", "Portland OR", "Spokane", "Tacoma", "Vancouver WA")),
    ("Canada", ("Toronto", "Montreal", "Vancouver", "Calgary", "Ottawa", "Edmonton")),
    ("UK & Ireland", ("London", "Manchester", "Birmingham", "Edinburgh", "Dublin", "Leeds")),
    ("DACH", ("Berlin", "Munich", "Hamburg", "Frankfurt", "Zurich", "Vienna")),
    ("Nordics", ("Stockholm", "Copenhagen", "Oslo", "Helsinki", "Gothenburg")),
    ("Benelux", ("Amsterdam", "Rotterdam", "Brussels", "Antwerp", "Luxembourg", "Utrecht")),
    ("France", ("Paris", "Lyon", "Marseille", "Toulouse", "Lille", "Bordeaux")),
    ("Southern Europe", ("Madrid", "Barcelona", "Lisbon", "Milan", "Rome", "Porto")),
    ("ANZ", ("Sydney", "Melbourne", "Brisbane", "Auckland", "Perth")),
    ("Asia", ("Singapore", "Tokyo", "Hong Kong", "Seoul", "Kuala Lumpur", "Bangalore")),
)

SKILLS = (
    "discovery", "objection handling", "value proposition", "closing", "negotiation",
    "next-step setting", "product demo", "rapport", "qualification", "storytelling",
)  # fmt: skip

DEAL_PRODUCTS = (
    "Platform", "Expansion", "Renewal", "Pilot", "Analytics add-on", "Multi-year",
    "Enterprise license", "Starter bundle", "Upgrade", "Services",
)  # fmt: skip

NEXT_STEPS = (
    "Send proposal", "Book demo with IT", "Follow-up call with CFO", "Security review",
    "Pricing discussion", "Reference call", "Legal review of contract", "Confirm budget owner",
    "Schedule workshop", "Send revised quote", "Align on success criteria", "Get signature",
)  # fmt: skip
