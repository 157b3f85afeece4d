package samplegen

// The vocabulary of the generator: the places, people and organizations
// that fill the template slots. The tables are package-level but never
// written; a Generator only reads them and keeps its own indexes.
//
// The people are real public figures so that the entity stages meet names
// a gazetteer may know; their titles are plausible for some recent year,
// not kept current: the articles are synthetic.

// Section indexes into sections.
const (
	secMiddleEast = iota
	secWorld
	secEurope
	secAsia
	secAfrica
	secAmericas
	secBusiness
	secMarkets
	secEnvironment
	secTechnology
	secSport
	secVariety
)

// sections are the section names the generator glues to related-story
// teasers, each paired with its URL slug. Every name is in the decoder's
// known-sections list.
var sections = [...]struct{ name, slug string }{
	secMiddleEast:  {"Middle East", "middle-east"},
	secWorld:       {"World News", "world"},
	secEurope:      {"Europe", "europe"},
	secAsia:        {"Asia", "asia"},
	secAfrica:      {"Africa", "africa"},
	secAmericas:    {"Americas", "americas"},
	secBusiness:    {"Business", "business"},
	secMarkets:     {"Markets", "markets"},
	secEnvironment: {"Environment", "environment"},
	secTechnology:  {"Technology", "technology"},
	secSport:       {"Sport", "sport"},
	secVariety:     {"Variety", "variety"},
}

// country is a country with its capital and a few other cities.
type country struct {
	name    string // bare name, also the key people and orgs use as home
	the     bool   // takes "the" in running text
	short   string // headline form, "" for name
	demonym string
	capital string
	seat    string // metonym for the government, "" for the capital
	region  int    // section index
	euro    bool   // its central bank is the ECB
	// conflict marks countries where the conflict stories are set.
	conflict bool
	// noVote marks countries without contested national elections.
	noVote bool
	cities []string
}

var countries = []country{
	// Middle East
	{name: "Syria", demonym: "Syrian", capital: "Damascus", conflict: true, noVote: true, region: secMiddleEast, cities: []string{"Aleppo", "Homs", "Idlib", "Latakia"}},
	{name: "Iran", demonym: "Iranian", capital: "Tehran", conflict: true, region: secMiddleEast, cities: []string{"Isfahan", "Mashhad", "Tabriz", "Shiraz"}},
	{name: "Iraq", demonym: "Iraqi", capital: "Baghdad", conflict: true, region: secMiddleEast, cities: []string{"Mosul", "Basra", "Erbil", "Kirkuk"}},
	{name: "Israel", demonym: "Israeli", capital: "Jerusalem", conflict: true, region: secMiddleEast, cities: []string{"Tel Aviv", "Haifa", "Beersheba"}},
	{name: "Lebanon", demonym: "Lebanese", capital: "Beirut", conflict: true, region: secMiddleEast, cities: []string{"Tripoli", "Sidon", "Tyre"}},
	{name: "Jordan", demonym: "Jordanian", capital: "Amman", noVote: true, region: secMiddleEast, cities: []string{"Aqaba", "Irbid"}},
	{name: "Saudi Arabia", short: "Saudi", demonym: "Saudi", capital: "Riyadh", noVote: true, region: secMiddleEast, cities: []string{"Jeddah", "Dammam", "Mecca"}},
	{name: "United Arab Emirates", the: true, short: "UAE", demonym: "Emirati", capital: "Abu Dhabi", noVote: true, region: secMiddleEast, cities: []string{"Dubai", "Sharjah"}},
	{name: "Qatar", demonym: "Qatari", capital: "Doha", noVote: true, region: secMiddleEast},
	{name: "Yemen", demonym: "Yemeni", capital: "Sanaa", conflict: true, noVote: true, region: secMiddleEast, cities: []string{"Aden", "Hodeidah", "Marib"}},
	{name: "Turkey", demonym: "Turkish", capital: "Ankara", conflict: true, region: secMiddleEast, cities: []string{"Istanbul", "Izmir", "Antalya", "Gaziantep"}},
	{name: "Egypt", demonym: "Egyptian", capital: "Cairo", conflict: true, region: secMiddleEast, cities: []string{"Alexandria", "Sharm el-Sheikh", "Port Said"}},
	{name: "Oman", demonym: "Omani", capital: "Muscat", noVote: true, region: secMiddleEast, cities: []string{"Salalah"}},
	{name: "Kuwait", demonym: "Kuwaiti", capital: "Kuwait City", noVote: true, region: secMiddleEast},
	{name: "Bahrain", demonym: "Bahraini", capital: "Manama", noVote: true, region: secMiddleEast},
	// Europe
	{name: "Russia", demonym: "Russian", capital: "Moscow", seat: "the Kremlin", conflict: true, region: secEurope, cities: []string{"St. Petersburg", "Kazan", "Sochi", "Novosibirsk", "Belgorod"}},
	{name: "Ukraine", demonym: "Ukrainian", capital: "Kyiv", conflict: true, region: secEurope, cities: []string{"Kharkiv", "Odesa", "Lviv", "Dnipro", "Zaporizhzhia"}},
	{name: "France", demonym: "French", capital: "Paris", seat: "the Élysée Palace", region: secEurope, euro: true, cities: []string{"Marseille", "Lyon", "Strasbourg", "Toulouse"}},
	{name: "Germany", demonym: "German", capital: "Berlin", region: secEurope, euro: true, cities: []string{"Munich", "Frankfurt", "Hamburg", "Cologne"}},
	{name: "Britain", short: "UK", demonym: "British", capital: "London", seat: "Downing Street", region: secEurope, cities: []string{"Manchester", "Edinburgh", "Glasgow", "Birmingham"}},
	{name: "Italy", demonym: "Italian", capital: "Rome", region: secEurope, euro: true, cities: []string{"Milan", "Naples", "Turin", "Genoa"}},
	{name: "Spain", demonym: "Spanish", capital: "Madrid", region: secEurope, euro: true, cities: []string{"Barcelona", "Valencia", "Seville"}},
	{name: "Poland", demonym: "Polish", capital: "Warsaw", region: secEurope, cities: []string{"Kraków", "Gdańsk", "Wrocław"}},
	{name: "Netherlands", the: true, demonym: "Dutch", capital: "Amsterdam", region: secEurope, euro: true, cities: []string{"Rotterdam", "The Hague", "Utrecht"}},
	{name: "Belgium", demonym: "Belgian", capital: "Brussels", region: secEurope, euro: true, cities: []string{"Antwerp", "Ghent"}},
	{name: "Switzerland", demonym: "Swiss", capital: "Bern", region: secEurope, cities: []string{"Zürich", "Geneva", "Davos", "Basel"}},
	{name: "Sweden", demonym: "Swedish", capital: "Stockholm", region: secEurope, cities: []string{"Gothenburg", "Malmö"}},
	{name: "Norway", demonym: "Norwegian", capital: "Oslo", region: secEurope, cities: []string{"Bergen", "Tromsø"}},
	{name: "Finland", demonym: "Finnish", capital: "Helsinki", region: secEurope, euro: true, cities: []string{"Tampere", "Turku"}},
	{name: "Greece", demonym: "Greek", capital: "Athens", region: secEurope, euro: true, cities: []string{"Thessaloniki", "Piraeus"}},
	{name: "Hungary", demonym: "Hungarian", capital: "Budapest", region: secEurope, cities: []string{"Debrecen"}},
	{name: "Austria", demonym: "Austrian", capital: "Vienna", region: secEurope, euro: true, cities: []string{"Salzburg", "Graz"}},
	{name: "Portugal", demonym: "Portuguese", capital: "Lisbon", region: secEurope, euro: true, cities: []string{"Porto"}},
	{name: "Ireland", demonym: "Irish", capital: "Dublin", region: secEurope, euro: true, cities: []string{"Cork", "Galway"}},
	{name: "Serbia", demonym: "Serbian", capital: "Belgrade", region: secEurope, cities: []string{"Novi Sad"}},
	{name: "Romania", demonym: "Romanian", capital: "Bucharest", region: secEurope, cities: []string{"Cluj-Napoca", "Constanța"}},
	{name: "Belarus", demonym: "Belarusian", capital: "Minsk", noVote: true, region: secEurope, cities: []string{"Brest", "Gomel"}},
	{name: "Denmark", demonym: "Danish", capital: "Copenhagen", region: secEurope, cities: []string{"Aarhus"}},
	{name: "Slovenia", demonym: "Slovenian", capital: "Ljubljana", region: secEurope, euro: true, cities: []string{"Maribor"}},
	// Asia and the Pacific
	{name: "China", demonym: "Chinese", capital: "Beijing", noVote: true, region: secAsia, cities: []string{"Shanghai", "Shenzhen", "Wuhan", "Guangzhou", "Chongqing"}},
	{name: "Japan", demonym: "Japanese", capital: "Tokyo", region: secAsia, cities: []string{"Osaka", "Kyoto", "Fukushima", "Sapporo"}},
	{name: "South Korea", demonym: "South Korean", capital: "Seoul", region: secAsia, cities: []string{"Busan", "Incheon", "Daegu"}},
	{name: "North Korea", demonym: "North Korean", capital: "Pyongyang", conflict: true, noVote: true, region: secAsia, cities: []string{"Wonsan", "Kaesong"}},
	{name: "India", demonym: "Indian", capital: "New Delhi", region: secAsia, cities: []string{"Mumbai", "Bengaluru", "Kolkata", "Chennai", "Hyderabad"}},
	{name: "Pakistan", demonym: "Pakistani", capital: "Islamabad", conflict: true, region: secAsia, cities: []string{"Karachi", "Lahore", "Peshawar", "Quetta"}},
	{name: "Afghanistan", demonym: "Afghan", capital: "Kabul", conflict: true, noVote: true, region: secAsia, cities: []string{"Kandahar", "Herat", "Mazar-i-Sharif"}},
	{name: "Bangladesh", demonym: "Bangladeshi", capital: "Dhaka", region: secAsia, cities: []string{"Chittagong", "Sylhet"}},
	{name: "Indonesia", demonym: "Indonesian", capital: "Jakarta", region: secAsia, cities: []string{"Surabaya", "Bandung", "Denpasar"}},
	{name: "Philippines", the: true, demonym: "Philippine", capital: "Manila", region: secAsia, cities: []string{"Cebu", "Davao"}},
	{name: "Vietnam", demonym: "Vietnamese", capital: "Hanoi", noVote: true, region: secAsia, cities: []string{"Ho Chi Minh City", "Da Nang"}},
	{name: "Thailand", demonym: "Thai", capital: "Bangkok", region: secAsia, cities: []string{"Chiang Mai", "Phuket"}},
	{name: "Malaysia", demonym: "Malaysian", capital: "Kuala Lumpur", region: secAsia, cities: []string{"Penang", "Johor Bahru"}},
	{name: "Singapore", demonym: "Singaporean", capital: "Singapore", region: secAsia},
	{name: "Taiwan", demonym: "Taiwanese", capital: "Taipei", region: secAsia, cities: []string{"Kaohsiung", "Hsinchu", "Taichung"}},
	{name: "Australia", demonym: "Australian", capital: "Canberra", region: secAsia, cities: []string{"Sydney", "Melbourne", "Perth", "Brisbane"}},
	{name: "New Zealand", demonym: "New Zealand", capital: "Wellington", region: secAsia, cities: []string{"Auckland", "Christchurch"}},
	{name: "Kazakhstan", demonym: "Kazakh", capital: "Astana", region: secAsia, cities: []string{"Almaty"}},
	{name: "Sri Lanka", demonym: "Sri Lankan", capital: "Colombo", region: secAsia, cities: []string{"Kandy"}},
	{name: "Nepal", demonym: "Nepali", capital: "Kathmandu", region: secAsia, cities: []string{"Pokhara"}},
	// Africa
	{name: "Nigeria", demonym: "Nigerian", capital: "Abuja", conflict: true, region: secAfrica, cities: []string{"Lagos", "Kano", "Maiduguri"}},
	{name: "South Africa", demonym: "South African", capital: "Pretoria", region: secAfrica, cities: []string{"Johannesburg", "Cape Town", "Durban"}},
	{name: "Kenya", demonym: "Kenyan", capital: "Nairobi", region: secAfrica, cities: []string{"Mombasa", "Kisumu"}},
	{name: "Ethiopia", demonym: "Ethiopian", capital: "Addis Ababa", conflict: true, region: secAfrica, cities: []string{"Mekele", "Gondar"}},
	{name: "Sudan", demonym: "Sudanese", capital: "Khartoum", conflict: true, noVote: true, region: secAfrica, cities: []string{"Port Sudan", "Omdurman", "El Fasher"}},
	{name: "Mali", demonym: "Malian", capital: "Bamako", conflict: true, noVote: true, region: secAfrica, cities: []string{"Timbuktu", "Gao"}},
	{name: "Libya", demonym: "Libyan", capital: "Tripoli", conflict: true, noVote: true, region: secAfrica, cities: []string{"Benghazi", "Misrata"}},
	{name: "Morocco", demonym: "Moroccan", capital: "Rabat", noVote: true, region: secAfrica, cities: []string{"Casablanca", "Marrakech", "Tangier"}},
	{name: "Algeria", demonym: "Algerian", capital: "Algiers", region: secAfrica, cities: []string{"Oran"}},
	{name: "Somalia", demonym: "Somali", capital: "Mogadishu", conflict: true, region: secAfrica, cities: []string{"Kismayo"}},
	{name: "Democratic Republic of Congo", the: true, short: "Congo", demonym: "Congolese", capital: "Kinshasa", conflict: true, region: secAfrica, cities: []string{"Goma", "Lubumbashi"}},
	{name: "Ghana", demonym: "Ghanaian", capital: "Accra", region: secAfrica, cities: []string{"Kumasi"}},
	{name: "Senegal", demonym: "Senegalese", capital: "Dakar", region: secAfrica},
	{name: "Tunisia", demonym: "Tunisian", capital: "Tunis", region: secAfrica, cities: []string{"Sfax"}},
	{name: "Niger", demonym: "Nigerien", capital: "Niamey", conflict: true, noVote: true, region: secAfrica, cities: []string{"Agadez"}},
	{name: "Zimbabwe", demonym: "Zimbabwean", capital: "Harare", region: secAfrica, cities: []string{"Bulawayo"}},
	// Americas
	{name: "United States", the: true, short: "U.S.", demonym: "U.S.", capital: "Washington", seat: "the White House", region: secAmericas, cities: []string{"New York", "Chicago", "Los Angeles", "Houston", "Miami", "San Francisco"}},
	{name: "Canada", demonym: "Canadian", capital: "Ottawa", region: secAmericas, cities: []string{"Toronto", "Montreal", "Vancouver", "Calgary"}},
	{name: "Mexico", demonym: "Mexican", capital: "Mexico City", region: secAmericas, cities: []string{"Monterrey", "Guadalajara", "Tijuana"}},
	{name: "Brazil", demonym: "Brazilian", capital: "Brasília", region: secAmericas, cities: []string{"São Paulo", "Rio de Janeiro", "Porto Alegre"}},
	{name: "Argentina", demonym: "Argentine", capital: "Buenos Aires", seat: "the Casa Rosada", region: secAmericas, cities: []string{"Córdoba", "Rosario"}},
	{name: "Colombia", demonym: "Colombian", capital: "Bogotá", conflict: true, region: secAmericas, cities: []string{"Medellín", "Cali"}},
	{name: "Venezuela", demonym: "Venezuelan", capital: "Caracas", region: secAmericas, cities: []string{"Maracaibo"}},
	{name: "Chile", demonym: "Chilean", capital: "Santiago", region: secAmericas, cities: []string{"Valparaíso"}},
	{name: "Peru", demonym: "Peruvian", capital: "Lima", region: secAmericas, cities: []string{"Cusco", "Arequipa"}},
	{name: "Cuba", demonym: "Cuban", capital: "Havana", noVote: true, region: secAmericas, cities: []string{"Santiago de Cuba"}},
	{name: "Haiti", demonym: "Haitian", capital: "Port-au-Prince", conflict: true, region: secAmericas},
	{name: "Ecuador", demonym: "Ecuadorean", capital: "Quito", region: secAmericas, cities: []string{"Guayaquil"}},
}

// personKind says which topics a person can lead.
type personKind uint8

const (
	kindLeader   personKind = iota // heads of state and government, ministers
	kindFigure                     // former leaders, royals, lawmakers, spokesmen: quoted, not in charge
	kindMilitary                   // generals
	kindEcon                       // central bankers and finance ministers
	kindIntl                       // officials of international organizations
	kindBusiness                   // executives; home is their company
	kindFootball
	kindTennis
	kindAthlete // other sports
	numPersonKinds
)

// person is a public figure. The first mention in an article is
// "[prefix|demonym] title name", later ones the short name.
type person struct {
	name   string
	short  string // second reference; "" for the last word of name
	title  string // "President", "Gen.", "world No. 1"; may be ""
	prefix string // replaces the demonym: "Bank of Japan"; "-" for none
	home   string // a country name, or an organization name for kindIntl and kindBusiness
	kind   personKind
}

var people = []person{
	// Russia
	{name: "Vladimir Putin", title: "President", home: "Russia"},
	{name: "Sergei Lavrov", title: "Foreign Minister", home: "Russia"},
	{name: "Dmitry Peskov", title: "Kremlin spokesman", prefix: "-", home: "Russia", kind: kindFigure},
	{name: "Mikhail Mishustin", title: "Prime Minister", home: "Russia"},
	{name: "Andrei Belousov", title: "Defense Minister", home: "Russia"},
	{name: "Valery Gerasimov", title: "Gen.", home: "Russia", kind: kindMilitary},
	{name: "Elvira Nabiullina", title: "Governor", prefix: "Bank of Russia", home: "Russia", kind: kindEcon},
	// Ukraine
	{name: "Volodymyr Zelenskyy", title: "President", home: "Ukraine"},
	{name: "Andrii Sybiha", title: "Foreign Minister", home: "Ukraine"},
	{name: "Denys Shmyhal", title: "Prime Minister", home: "Ukraine"},
	{name: "Oleksandr Syrskyi", title: "Gen.", home: "Ukraine", kind: kindMilitary},
	// United States
	{name: "Joe Biden", title: "President", home: "United States"},
	{name: "Donald Trump", title: "President", home: "United States"},
	{name: "Kamala Harris", title: "Vice President", home: "United States"},
	{name: "Antony Blinken", title: "Secretary of State", home: "United States"},
	{name: "Marco Rubio", title: "Secretary of State", home: "United States"},
	{name: "Lloyd Austin", title: "Defense Secretary", home: "United States"},
	{name: "Chuck Schumer", title: "Sen.", prefix: "-", home: "United States", kind: kindFigure},
	{name: "Mitch McConnell", title: "Sen.", prefix: "-", home: "United States", kind: kindFigure},
	{name: "Gavin Newsom", title: "California Gov.", prefix: "-", home: "United States", kind: kindFigure},
	{name: "Barack Obama", title: "former U.S. President", prefix: "-", home: "United States", kind: kindFigure},
	{name: "Mark Milley", title: "Gen.", home: "United States", kind: kindMilitary},
	{name: "Janet Yellen", title: "Treasury Secretary", home: "United States", kind: kindEcon},
	{name: "Scott Bessent", title: "Treasury Secretary", home: "United States", kind: kindEcon},
	{name: "Jerome Powell", title: "Chair", prefix: "Federal Reserve", home: "United States", kind: kindEcon},
	// Western Europe
	{name: "Emmanuel Macron", title: "President", home: "France"},
	{name: "Jean-Noël Barrot", title: "Foreign Minister", home: "France"},
	{name: "François Bayrou", title: "Prime Minister", home: "France"},
	{name: "Olaf Scholz", title: "Chancellor", home: "Germany"},
	{name: "Friedrich Merz", title: "Chancellor", home: "Germany"},
	{name: "Annalena Baerbock", title: "Foreign Minister", home: "Germany"},
	{name: "Angela Merkel", title: "former Chancellor", prefix: "-", home: "Germany", kind: kindFigure},
	{name: "Joachim Nagel", title: "President", prefix: "Bundesbank", home: "Germany", kind: kindEcon},
	{name: "Keir Starmer", title: "Prime Minister", home: "Britain"},
	{name: "Rishi Sunak", title: "Prime Minister", home: "Britain"},
	{name: "David Lammy", title: "Foreign Secretary", home: "Britain"},
	{name: "Charles III", short: "Charles", title: "King", prefix: "-", home: "Britain", kind: kindFigure},
	{name: "Rachel Reeves", title: "Chancellor of the Exchequer", prefix: "-", home: "Britain", kind: kindEcon},
	{name: "Andrew Bailey", title: "Governor", prefix: "Bank of England", home: "Britain", kind: kindEcon},
	{name: "Giorgia Meloni", title: "Prime Minister", home: "Italy"},
	{name: "Sergio Mattarella", title: "President", home: "Italy"},
	{name: "Francis", title: "Pope", prefix: "-", home: "Italy", kind: kindFigure},
	{name: "Giancarlo Giorgetti", title: "Economy Minister", home: "Italy", kind: kindEcon},
	{name: "Pedro Sánchez", title: "Prime Minister", home: "Spain"},
	{name: "Felipe VI", short: "Felipe", title: "King", prefix: "-", home: "Spain", kind: kindFigure},
	{name: "Dick Schoof", title: "Prime Minister", home: "Netherlands"},
	{name: "Mette Frederiksen", title: "Prime Minister", home: "Denmark"},
	{name: "Ulf Kristersson", title: "Prime Minister", home: "Sweden"},
	{name: "Jonas Gahr Støre", short: "Støre", title: "Prime Minister", home: "Norway"},
	{name: "Alexander Stubb", title: "President", home: "Finland"},
	{name: "Kyriakos Mitsotakis", title: "Prime Minister", home: "Greece"},
	{name: "Luís Montenegro", title: "Prime Minister", home: "Portugal"},
	{name: "Micheál Martin", title: "Prime Minister", home: "Ireland"},
	{name: "Thomas Jordan", title: "Chairman", prefix: "Swiss National Bank", home: "Switzerland", kind: kindEcon},
	// Central and Eastern Europe
	{name: "Donald Tusk", title: "Prime Minister", home: "Poland"},
	{name: "Andrzej Duda", title: "President", home: "Poland"},
	{name: "Radosław Sikorski", title: "Foreign Minister", home: "Poland"},
	{name: "Viktor Orbán", title: "Prime Minister", home: "Hungary"},
	{name: "Aleksandar Vučić", title: "President", home: "Serbia"},
	{name: "Alexander Lukashenko", title: "President", home: "Belarus"},
	{name: "Klaus Iohannis", title: "President", home: "Romania"},
	// Middle East
	{name: "Recep Tayyip Erdoğan", title: "President", home: "Turkey"},
	{name: "Hakan Fidan", title: "Foreign Minister", home: "Turkey"},
	{name: "Mehmet Şimşek", title: "Finance Minister", home: "Turkey", kind: kindEcon},
	{name: "Ali Khamenei", short: "Khamenei", title: "Supreme Leader Ayatollah", prefix: "-", home: "Iran"},
	{name: "Masoud Pezeshkian", title: "President", home: "Iran"},
	{name: "Abbas Araghchi", title: "Foreign Minister", home: "Iran"},
	{name: "Mehdi Sanaei", title: "Ambassador", prefix: "-", home: "Iran", kind: kindFigure},
	{name: "Qassem Soleimani", title: "Gen.", home: "Iran", kind: kindMilitary},
	{name: "Benjamin Netanyahu", title: "Prime Minister", home: "Israel"},
	{name: "Isaac Herzog", title: "President", home: "Israel"},
	{name: "Israel Katz", title: "Defense Minister", home: "Israel"},
	{name: "Herzi Halevi", title: "Lt. Gen.", home: "Israel", kind: kindMilitary},
	{name: "Bashar Assad", title: "President", home: "Syria"},
	{name: "Ahmed al-Sharaa", short: "al-Sharaa", title: "interim President", home: "Syria"},
	{name: "Asaad al-Shaibani", short: "al-Shaibani", title: "Foreign Minister", home: "Syria"},
	{name: "Salman bin Abdulaziz", short: "Salman", title: "King", home: "Saudi Arabia"},
	{name: "Mohammed bin Salman", short: "Prince Mohammed", title: "Crown Prince", home: "Saudi Arabia"},
	{name: "Faisal bin Farhan", short: "Prince Faisal", title: "Foreign Minister Prince", home: "Saudi Arabia"},
	{name: "Abdel Fattah el-Sisi", short: "el-Sisi", title: "President", home: "Egypt"},
	{name: "Abdullah II", short: "Abdullah", title: "King", home: "Jordan"},
	{name: "Ayman Safadi", title: "Foreign Minister", home: "Jordan"},
	{name: "Tamim bin Hamad Al Thani", short: "Sheikh Tamim", title: "Emir Sheikh", home: "Qatar"},
	{name: "Mohamed bin Zayed", short: "Sheikh Mohamed", title: "President Sheikh", home: "United Arab Emirates"},
	{name: "Najib Mikati", title: "Prime Minister", home: "Lebanon"},
	{name: "Mohammed Shia al-Sudani", short: "al-Sudani", title: "Prime Minister", home: "Iraq"},
	// Asia
	{name: "Xi Jinping", short: "Xi", title: "President", home: "China"},
	{name: "Li Qiang", short: "Li", title: "Premier", home: "China"},
	{name: "Wang Yi", short: "Wang", title: "Foreign Minister", home: "China"},
	{name: "Pan Gongsheng", short: "Pan", title: "Governor", prefix: "People’s Bank of China", home: "China", kind: kindEcon},
	{name: "Shigeru Ishiba", title: "Prime Minister", home: "Japan"},
	{name: "Fumio Kishida", title: "Prime Minister", home: "Japan"},
	{name: "Naruhito", title: "Emperor", home: "Japan", kind: kindFigure},
	{name: "Kazuo Ueda", title: "Governor", prefix: "Bank of Japan", home: "Japan", kind: kindEcon},
	{name: "Yoon Suk Yeol", short: "Yoon", title: "President", home: "South Korea"},
	{name: "Lee Jae-myung", short: "Lee", title: "President", home: "South Korea"},
	{name: "Kim Jong Un", short: "Kim", title: "leader", prefix: "North Korean", home: "North Korea"},
	{name: "Narendra Modi", title: "Prime Minister", home: "India"},
	{name: "Subrahmanyam Jaishankar", title: "Foreign Minister", home: "India"},
	{name: "Rahul Gandhi", title: "opposition leader", home: "India", kind: kindFigure},
	{name: "Nirmala Sitharaman", title: "Finance Minister", home: "India", kind: kindEcon},
	{name: "Sanjay Malhotra", title: "Governor", prefix: "Reserve Bank of India", home: "India", kind: kindEcon},
	{name: "Shehbaz Sharif", title: "Prime Minister", home: "Pakistan"},
	{name: "Imran Khan", title: "former Prime Minister", prefix: "-", home: "Pakistan", kind: kindFigure},
	{name: "Asim Munir", title: "Gen.", home: "Pakistan", kind: kindMilitary},
	{name: "Hibatullah Akhundzada", title: "Taliban supreme leader", prefix: "-", home: "Afghanistan"},
	{name: "Prabowo Subianto", short: "Prabowo", title: "President", home: "Indonesia"},
	{name: "Joko Widodo", short: "Widodo", title: "former President", prefix: "-", home: "Indonesia", kind: kindFigure},
	{name: "Ferdinand Marcos Jr.", short: "Marcos", title: "President", home: "Philippines"},
	{name: "Lai Ching-te", short: "Lai", title: "President", home: "Taiwan"},
	{name: "Paetongtarn Shinawatra", short: "Paetongtarn", title: "Prime Minister", home: "Thailand"},
	{name: "Anwar Ibrahim", short: "Anwar", title: "Prime Minister", home: "Malaysia"},
	{name: "Anthony Albanese", title: "Prime Minister", home: "Australia"},
	{name: "Kassym-Jomart Tokayev", title: "President", home: "Kazakhstan"},
	// Africa
	{name: "Cyril Ramaphosa", title: "President", home: "South Africa"},
	{name: "Bola Tinubu", title: "President", home: "Nigeria"},
	{name: "William Ruto", title: "President", home: "Kenya"},
	{name: "Abiy Ahmed", short: "Abiy", title: "Prime Minister", home: "Ethiopia"},
	{name: "Abdel Fattah al-Burhan", short: "al-Burhan", title: "Gen.", home: "Sudan", kind: kindMilitary},
	{name: "Mohamed Hamdan Dagalo", short: "Dagalo", title: "Gen.", home: "Sudan", kind: kindMilitary},
	{name: "Félix Tshisekedi", title: "President", home: "Democratic Republic of Congo"},
	{name: "Assimi Goïta", title: "Col.", prefix: "-", home: "Mali", kind: kindMilitary},
	{name: "Abdelmadjid Tebboune", title: "President", home: "Algeria"},
	{name: "Kais Saied", title: "President", home: "Tunisia"},
	{name: "Emmerson Mnangagwa", title: "President", home: "Zimbabwe"},
	// Americas
	{name: "Justin Trudeau", title: "Prime Minister", home: "Canada"},
	{name: "Mark Carney", title: "Prime Minister", home: "Canada"},
	{name: "Claudia Sheinbaum", title: "President", home: "Mexico"},
	{name: "Andrés Manuel López Obrador", short: "López Obrador", title: "former President", prefix: "-", home: "Mexico", kind: kindFigure},
	{name: "Luiz Inácio Lula da Silva", short: "Lula", title: "President", home: "Brazil"},
	{name: "Jair Bolsonaro", title: "former President", prefix: "-", home: "Brazil", kind: kindFigure},
	{name: "Gabriel Galípolo", title: "Governor", prefix: "Brazilian central bank", home: "Brazil", kind: kindEcon},
	{name: "Javier Milei", title: "President", home: "Argentina"},
	{name: "Nicolás Maduro", title: "President", home: "Venezuela"},
	{name: "María Corina Machado", short: "Machado", title: "opposition leader", home: "Venezuela", kind: kindFigure},
	{name: "Gustavo Petro", title: "President", home: "Colombia"},
	{name: "Gabriel Boric", title: "President", home: "Chile"},
	{name: "Daniel Noboa", title: "President", home: "Ecuador"},
	// International organizations
	{name: "António Guterres", title: "Secretary-General", prefix: "U.N.", home: "United Nations", kind: kindIntl},
	{name: "Mark Rutte", title: "Secretary-General", prefix: "NATO", home: "NATO", kind: kindIntl},
	{name: "Jens Stoltenberg", title: "former Secretary-General", prefix: "NATO", home: "NATO", kind: kindIntl},
	{name: "Ursula von der Leyen", short: "von der Leyen", title: "President", prefix: "European Commission", home: "European Commission", kind: kindIntl},
	{name: "Kaja Kallas", title: "foreign policy chief", prefix: "EU", home: "European Union", kind: kindIntl},
	{name: "Kristalina Georgieva", title: "Managing Director", prefix: "IMF", home: "International Monetary Fund", kind: kindIntl},
	{name: "Ajay Banga", title: "President", prefix: "World Bank", home: "World Bank", kind: kindIntl},
	{name: "Christine Lagarde", title: "President", prefix: "ECB", home: "European Central Bank", kind: kindIntl},
	{name: "Tedros Adhanom Ghebreyesus", short: "Tedros", title: "Director-General", prefix: "WHO", home: "World Health Organization", kind: kindIntl},
	{name: "Ngozi Okonjo-Iweala", title: "Director-General", prefix: "WTO", home: "World Trade Organization", kind: kindIntl},
	{name: "Rafael Grossi", title: "Director General", prefix: "IAEA", home: "International Atomic Energy Agency", kind: kindIntl},
	{name: "Filippo Grandi", title: "High Commissioner for Refugees", prefix: "U.N.", home: "United Nations", kind: kindIntl},
	// Business
	{name: "Elon Musk", title: "Chief Executive", prefix: "Tesla", home: "Tesla", kind: kindBusiness},
	{name: "Tim Cook", title: "CEO", prefix: "Apple", home: "Apple", kind: kindBusiness},
	{name: "Jensen Huang", title: "CEO", prefix: "Nvidia", home: "Nvidia", kind: kindBusiness},
	{name: "Satya Nadella", title: "Chief Executive", prefix: "Microsoft", home: "Microsoft", kind: kindBusiness},
	{name: "Sundar Pichai", title: "CEO", prefix: "Alphabet", home: "Alphabet", kind: kindBusiness},
	{name: "Sam Altman", title: "CEO", prefix: "OpenAI", home: "OpenAI", kind: kindBusiness},
	{name: "Mark Zuckerberg", title: "Chief Executive", prefix: "Meta", home: "Meta", kind: kindBusiness},
	{name: "Andy Jassy", title: "CEO", prefix: "Amazon", home: "Amazon", kind: kindBusiness},
	{name: "C.C. Wei", short: "Wei", title: "Chairman", prefix: "TSMC", home: "TSMC", kind: kindBusiness},
	{name: "Jamie Dimon", title: "Chief Executive", prefix: "JPMorgan Chase", home: "JPMorgan Chase", kind: kindBusiness},
	{name: "Warren Buffett", title: "Chairman", prefix: "Berkshire Hathaway", home: "Berkshire Hathaway", kind: kindBusiness},
	{name: "Guillaume Faury", title: "CEO", prefix: "Airbus", home: "Airbus", kind: kindBusiness},
	{name: "Kelly Ortberg", title: "Chief Executive", prefix: "Boeing", home: "Boeing", kind: kindBusiness},
	{name: "Amin Nasser", title: "CEO", prefix: "Saudi Aramco", home: "Saudi Aramco", kind: kindBusiness},
	{name: "Larry Fink", title: "Chief Executive", prefix: "BlackRock", home: "BlackRock", kind: kindBusiness},
	{name: "Akio Toyoda", title: "Chairman", prefix: "Toyota", home: "Toyota", kind: kindBusiness},
	{name: "Wang Chuanfu", short: "Wang", title: "Chairman", prefix: "BYD", home: "BYD", kind: kindBusiness},
	// Football
	{name: "Lionel Messi", title: "captain", prefix: "Argentina", home: "Argentina", kind: kindFootball},
	{name: "Cristiano Ronaldo", title: "forward", prefix: "Portugal", home: "Portugal", kind: kindFootball},
	{name: "Kylian Mbappé", title: "captain", prefix: "France", home: "France", kind: kindFootball},
	{name: "Erling Haaland", title: "striker", prefix: "Norway", home: "Norway", kind: kindFootball},
	{name: "Mohamed Salah", title: "forward", prefix: "Egypt", home: "Egypt", kind: kindFootball},
	{name: "Harry Kane", title: "England captain", prefix: "-", home: "Britain", kind: kindFootball},
	{name: "Jude Bellingham", title: "England midfielder", prefix: "-", home: "Britain", kind: kindFootball},
	{name: "Son Heung-min", short: "Son", title: "captain", prefix: "South Korea", home: "South Korea", kind: kindFootball},
	{name: "Vinícius Júnior", short: "Vinícius", title: "winger", prefix: "Brazil", home: "Brazil", kind: kindFootball},
	{name: "Lamine Yamal", short: "Yamal", title: "winger", prefix: "Spain", home: "Spain", kind: kindFootball},
	{name: "Kevin De Bruyne", short: "De Bruyne", title: "midfielder", prefix: "Belgium", home: "Belgium", kind: kindFootball},
	{name: "Robert Lewandowski", title: "striker", prefix: "Poland", home: "Poland", kind: kindFootball},
	{name: "Victor Osimhen", title: "striker", prefix: "Nigeria", home: "Nigeria", kind: kindFootball},
	{name: "Achraf Hakimi", title: "defender", prefix: "Morocco", home: "Morocco", kind: kindFootball},
	{name: "Christian Pulisic", title: "forward", prefix: "U.S.", home: "United States", kind: kindFootball},
	{name: "Takefusa Kubo", title: "winger", prefix: "Japan", home: "Japan", kind: kindFootball},
	// Tennis
	{name: "Novak Djokovic", title: "24-time Grand Slam champion", prefix: "-", home: "Serbia", kind: kindTennis},
	{name: "Carlos Alcaraz", title: "world No. 2", prefix: "-", home: "Spain", kind: kindTennis},
	{name: "Jannik Sinner", title: "world No. 1", prefix: "-", home: "Italy", kind: kindTennis},
	{name: "Alexander Zverev", title: "Olympic champion", prefix: "-", home: "Germany", kind: kindTennis},
	{name: "Daniil Medvedev", title: "former U.S. Open champion", prefix: "-", home: "Russia", kind: kindTennis},
	{name: "Taylor Fritz", title: "", home: "United States", kind: kindTennis},
	{name: "Aryna Sabalenka", title: "world No. 1", prefix: "-", home: "Belarus", kind: kindTennis},
	{name: "Iga Świątek", title: "five-time Grand Slam champion", prefix: "-", home: "Poland", kind: kindTennis},
	{name: "Coco Gauff", title: "", home: "United States", kind: kindTennis},
	{name: "Elena Rybakina", title: "former Wimbledon champion", prefix: "-", home: "Kazakhstan", kind: kindTennis},
	{name: "Naomi Osaka", title: "four-time major winner", prefix: "-", home: "Japan", kind: kindTennis},
	// Other sports
	{name: "Max Verstappen", title: "Red Bull driver", prefix: "-", home: "Netherlands", kind: kindAthlete},
	{name: "Lewis Hamilton", title: "seven-time world champion", prefix: "-", home: "Britain", kind: kindAthlete},
	{name: "LeBron James", title: "Los Angeles Lakers star", prefix: "-", home: "United States", kind: kindAthlete},
	{name: "Simone Biles", title: "gymnast", home: "United States", kind: kindAthlete},
	{name: "Virat Kohli", title: "batsman", prefix: "India", home: "India", kind: kindAthlete},
	{name: "Shohei Ohtani", title: "Los Angeles Dodgers star", prefix: "-", home: "Japan", kind: kindAthlete},
	{name: "Eliud Kipchoge", title: "marathon great", prefix: "-", home: "Kenya", kind: kindAthlete},
	{name: "Faith Kipyegon", title: "middle-distance runner", home: "Kenya", kind: kindAthlete},
	{name: "Armand Duplantis", title: "pole vault world record holder", prefix: "-", home: "Sweden", kind: kindAthlete},
	{name: "Tadej Pogačar", title: "Tour de France champion", prefix: "-", home: "Slovenia", kind: kindAthlete},
}

// orgKind says which slots an organization can fill.
type orgKind uint8

const (
	orgIntl        orgKind = iota // political and security bodies
	orgAid                        // humanitarian and rights groups
	orgFinance                    // international lenders, OPEC
	orgCentralBank                // home is the country whose rates it sets
	orgCompany                    // home is the country of its head office
	orgTechCompany
	orgBank // investment banks quoted by analysts
	orgSport
	orgClimate
	numOrgKinds
)

// org is an organization. The first mention is "[the ]name (abbr)", later
// ones "[the ]abbr".
type org struct {
	name string
	abbr string
	the  bool
	// bareAbbr drops the "the" before the abbreviation: "ASEAN".
	bareAbbr bool
	kind     orgKind
	home     string
}

var orgs = []org{
	{name: "United Nations", abbr: "U.N.", the: true, kind: orgIntl},
	{name: "NATO", kind: orgIntl},
	{name: "European Union", abbr: "EU", the: true, kind: orgIntl},
	{name: "European Commission", the: true, kind: orgIntl},
	{name: "African Union", abbr: "AU", the: true, kind: orgIntl},
	{name: "Arab League", the: true, kind: orgIntl},
	{name: "Association of Southeast Asian Nations", abbr: "ASEAN", bareAbbr: true, the: true, kind: orgIntl},
	{name: "Organization for Security and Co-operation in Europe", abbr: "OSCE", the: true, kind: orgIntl},
	{name: "International Criminal Court", abbr: "ICC", the: true, kind: orgIntl},
	{name: "International Atomic Energy Agency", abbr: "IAEA", the: true, kind: orgIntl},
	{name: "Gulf Cooperation Council", abbr: "GCC", the: true, kind: orgIntl},
	{name: "Shanghai Cooperation Organization", abbr: "SCO", the: true, kind: orgIntl},
	{name: "International Committee of the Red Cross", abbr: "ICRC", the: true, kind: orgAid},
	{name: "UNICEF", kind: orgAid},
	{name: "U.N. refugee agency", abbr: "UNHCR", the: true, kind: orgAid},
	{name: "World Food Programme", abbr: "WFP", the: true, kind: orgAid},
	{name: "World Health Organization", abbr: "WHO", the: true, kind: orgAid},
	{name: "Doctors Without Borders", abbr: "MSF", kind: orgAid},
	{name: "Amnesty International", kind: orgAid},
	{name: "Human Rights Watch", kind: orgAid},
	{name: "International Federation of Red Cross and Red Crescent Societies", abbr: "IFRC", the: true, kind: orgAid},
	{name: "International Monetary Fund", abbr: "IMF", the: true, kind: orgFinance},
	{name: "World Bank", the: true, kind: orgFinance},
	{name: "World Trade Organization", abbr: "WTO", the: true, kind: orgFinance},
	{name: "Organization of the Petroleum Exporting Countries", abbr: "OPEC", bareAbbr: true, the: true, kind: orgFinance},
	{name: "Asian Development Bank", abbr: "ADB", the: true, kind: orgFinance},
	{name: "Organisation for Economic Co-operation and Development", abbr: "OECD", the: true, kind: orgFinance},
	{name: "Federal Reserve", abbr: "Fed", the: true, kind: orgCentralBank, home: "United States"},
	{name: "European Central Bank", abbr: "ECB", the: true, kind: orgCentralBank},
	{name: "Bank of England", abbr: "BoE", the: true, kind: orgCentralBank, home: "Britain"},
	{name: "Bank of Japan", abbr: "BOJ", the: true, kind: orgCentralBank, home: "Japan"},
	{name: "People’s Bank of China", abbr: "PBOC", the: true, kind: orgCentralBank, home: "China"},
	{name: "Reserve Bank of India", abbr: "RBI", the: true, kind: orgCentralBank, home: "India"},
	{name: "Bank of Russia", the: true, kind: orgCentralBank, home: "Russia"},
	{name: "Swiss National Bank", abbr: "SNB", the: true, kind: orgCentralBank, home: "Switzerland"},
	{name: "Bank of Canada", the: true, kind: orgCentralBank, home: "Canada"},
	{name: "Reserve Bank of Australia", abbr: "RBA", the: true, kind: orgCentralBank, home: "Australia"},
	{name: "Central Bank of the Republic of Turkey", abbr: "CBRT", the: true, kind: orgCentralBank, home: "Turkey"},
	{name: "Brazilian central bank", the: true, kind: orgCentralBank, home: "Brazil"},
	{name: "Bank of Korea", abbr: "BOK", the: true, kind: orgCentralBank, home: "South Korea"},
	{name: "Bundesbank", the: true, kind: orgCentralBank, home: "Germany"},
	{name: "Airbus", kind: orgCompany, home: "France"},
	{name: "Boeing", kind: orgCompany, home: "United States"},
	{name: "Toyota", kind: orgCompany, home: "Japan"},
	{name: "Volkswagen", kind: orgCompany, home: "Germany"},
	{name: "Siemens", kind: orgCompany, home: "Germany"},
	{name: "Shell", kind: orgCompany, home: "Britain"},
	{name: "BP", kind: orgCompany, home: "Britain"},
	{name: "Saudi Aramco", kind: orgCompany, home: "Saudi Arabia"},
	{name: "Gazprom", kind: orgCompany, home: "Russia"},
	{name: "Rosneft", kind: orgCompany, home: "Russia"},
	{name: "ExxonMobil", kind: orgCompany, home: "United States"},
	{name: "TotalEnergies", kind: orgCompany, home: "France"},
	{name: "Nestlé", kind: orgCompany, home: "Switzerland"},
	{name: "Maersk", kind: orgCompany, home: "Denmark"},
	{name: "Tata Group", the: true, kind: orgCompany, home: "India"},
	{name: "Reliance Industries", kind: orgCompany, home: "India"},
	{name: "BHP", kind: orgCompany, home: "Australia"},
	{name: "Rio Tinto", kind: orgCompany, home: "Britain"},
	{name: "Glencore", kind: orgCompany, home: "Switzerland"},
	{name: "Berkshire Hathaway", kind: orgCompany, home: "United States"},
	{name: "BYD", kind: orgCompany, home: "China"},
	{name: "Tesla", kind: orgTechCompany, home: "United States"},
	{name: "Apple", kind: orgTechCompany, home: "United States"},
	{name: "Microsoft", kind: orgTechCompany, home: "United States"},
	{name: "Alphabet", kind: orgTechCompany, home: "United States"},
	{name: "Amazon", kind: orgTechCompany, home: "United States"},
	{name: "Nvidia", kind: orgTechCompany, home: "United States"},
	{name: "Meta", kind: orgTechCompany, home: "United States"},
	{name: "OpenAI", kind: orgTechCompany, home: "United States"},
	{name: "TSMC", kind: orgTechCompany, home: "Taiwan"},
	{name: "Samsung Electronics", kind: orgTechCompany, home: "South Korea"},
	{name: "Huawei", kind: orgTechCompany, home: "China"},
	{name: "Tencent", kind: orgTechCompany, home: "China"},
	{name: "Alibaba", kind: orgTechCompany, home: "China"},
	{name: "Sony", kind: orgTechCompany, home: "Japan"},
	{name: "SAP", kind: orgTechCompany, home: "Germany"},
	{name: "ASML", kind: orgTechCompany, home: "Netherlands"},
	{name: "JPMorgan Chase", kind: orgBank, home: "United States"},
	{name: "Goldman Sachs", kind: orgBank, home: "United States"},
	{name: "Morgan Stanley", kind: orgBank, home: "United States"},
	{name: "HSBC", kind: orgBank, home: "Britain"},
	{name: "Deutsche Bank", kind: orgBank, home: "Germany"},
	{name: "UBS", kind: orgBank, home: "Switzerland"},
	{name: "BlackRock", kind: orgBank, home: "United States"},
	{name: "Nomura", kind: orgBank, home: "Japan"},
	{name: "FIFA", kind: orgSport},
	{name: "UEFA", kind: orgSport},
	{name: "International Olympic Committee", abbr: "IOC", the: true, kind: orgSport},
	{name: "World Athletics", kind: orgSport},
	{name: "ATP", the: true, kind: orgSport},
	{name: "Court of Arbitration for Sport", abbr: "CAS", bareAbbr: true, the: true, kind: orgSport},
	{name: "World Anti-Doping Agency", abbr: "WADA", bareAbbr: true, the: true, kind: orgSport},
	{name: "World Meteorological Organization", abbr: "WMO", the: true, kind: orgClimate},
	{name: "Intergovernmental Panel on Climate Change", abbr: "IPCC", the: true, kind: orgClimate},
	{name: "U.N. Environment Programme", abbr: "UNEP", bareAbbr: true, the: true, kind: orgClimate},
	{name: "International Energy Agency", abbr: "IEA", the: true, kind: orgClimate},
	{name: "Greenpeace", kind: orgClimate},
	{name: "WWF", kind: orgClimate},
}

// agencies are news agencies as they read after "according to".
var agencies = []string{
	"the Tasnim news agency", "Reuters", "the Associated Press", "Agence France-Presse",
	"the state-run Xinhua news agency", "Russia’s TASS news agency", "the RIA Novosti agency",
	"Japan’s Kyodo news agency", "South Korea’s Yonhap news agency", "Turkey’s Anadolu Agency",
	"the Italian news agency ANSA", "Germany’s dpa news agency", "the Press Trust of India",
	"Malaysia’s Bernama news agency", "the Interfax news agency", "the official IRNA news agency",
	"the Saudi Press Agency", "the Middle East News Agency", "Bloomberg News", "Kenya’s Nation Media Group",
}

// The fixed phrase lists. Entries may hold slots.
var (
	weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	// months in AP style: five-letter and shorter months are spelled out.
	monthsAP = []string{"Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}
	months   = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	relDays  = []string{"last week", "earlier this month", "on Sunday evening", "late on Friday", "over the weekend", "this week", "last month", "earlier this year"}
	withins  = []string{"within 18 months", "within two weeks", "within 30 days", "within six months", "within a year", "within 48 hours", "by the end of the year", "within three years"}
	futures  = []string{"next week", "later this month", "on Thursday", "in the coming days", "before the end of the year", "next month", "early next year"}
	saids    = []string{"said", "said", "said", "told reporters", "said in a statement", "told a news conference", "said in a televised address", "wrote on social media", "told lawmakers", "was quoted as saying"}
	ordinals = []string{"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"}
	quarters = []string{"first quarter", "second quarter", "third quarter", "fourth quarter", "three months to September", "April-June period"}
	issues   = []string{"trade", "its nuclear programme", "border security", "energy supplies", "prisoner exchanges", "grain exports", "migration", "the peace plan", "maritime boundaries", "sanctions relief", "visa rules", "water rights"}
	weapons  = []string{
		"S-300", "S-400", "F-16", "F-35", "Patriot", "HIMARS", "Su-35", "MiG-29", "T-90", "Leopard 2",
		"Shahed-136", "Iskander-M", "MQ-9 Reaper", "Bayraktar TB2", "Javelin", "ATACMS", "Storm Shadow",
		"Kinzhal", "Kalibr", "Iron Dome", "NASAMS", "IRIS-T", "Abrams M1A2", "K2 Black Panther",
	}
	aircraft = []string{
		"Airbus A321", "Airbus A320neo", "Boeing 737 MAX 8", "Boeing 787-9 Dreamliner", "Embraer E190",
		"ATR 72-600", "Sukhoi Superjet 100", "Airbus A350-900", "Boeing 777-300ER", "Bombardier CRJ900",
	}
	marketIndexes = []string{"S&P 500", "Nasdaq Composite", "Dow Jones Industrial Average", "Nikkei 225", "FTSE 100", "DAX", "Hang Seng", "Stoxx 600", "CAC 40", "Kospi", "BSE Sensex", "MSCI World index"}
	commodities   = []string{"Brent crude", "U.S. crude", "gold", "copper", "wheat", "natural gas", "iron ore", "palm oil", "cocoa", "aluminum"}
	currencies    = []string{"the dollar", "the euro", "the yen", "the yuan", "sterling", "the rupee", "the Swiss franc", "the won", "the lira", "the rouble"}
	chips         = []string{"H100", "H200", "Blackwell B200", "A18 Pro", "M4", "Snapdragon 8 Gen 3", "Ascend 910C", "Exynos 2400", "Gaudi 3", "MI300X"}
	storms        = []string{"Typhoon Kanoa", "Cyclone Mirel", "Hurricane Idalis", "Storm Bertil", "Typhoon Haruka", "Cyclone Tendai", "Hurricane Orla", "Tropical Storm Vesna"}
	tennisEvts    = []string{"Australian Open", "French Open", "Wimbledon", "U.S. Open", "ATP Finals", "Italian Open", "Miami Open", "Madrid Open", "Indian Wells Masters"}
	footEvts      = []string{"World Cup", "European Championship", "Africa Cup of Nations", "Copa América", "Asian Cup", "Nations League", "Champions League"}
	sportEvts     = []string{"Olympic Games", "world championships", "Diamond League meeting", "Grand Prix", "season opener", "Commonwealth Games", "Asian Games"}
	parties       = []string{"the ruling party", "the main opposition party", "the governing coalition", "a centrist alliance", "the nationalist bloc", "the Social Democrats", "the Conservative Party", "the Labour Party", "the Christian Democrats", "the Green Party"}
	officials     = []string{
		"a senior official", "a government spokesman", "a spokeswoman for {O}", "a diplomat familiar with the talks",
		"two sources briefed on the matter", "a senior {D} official", "a spokesman for {seat}", "an aide to {P}",
		"a Western diplomat in {K}", "a military source",
	}
	// quotes are direct quotes without their closing punctuation.
	quotes = []string{
		"We will not accept any attempt to dictate the future of {C}",
		"This is a decisive moment for our country and for the whole region",
		"The door to dialogue remains open, but our patience is not unlimited",
		"We are ready to work with all partners who respect our interests",
		"Nobody should be under any illusion about what is at stake",
		"We have made real progress, but a great deal of work remains",
		"Our priority is to protect the lives and livelihoods of ordinary people",
		"The numbers speak for themselves",
		"We expect {C2} to honor the commitments it has made",
		"There can be no lasting solution without the people of {C}",
		"We did not start this, but we are prepared to finish it",
		"It is too early to say whether the measures are working",
		"The world is watching, and history will judge us by what we do next",
		"We have been very clear with our partners in {K2}",
		"This agreement is a first step, not the last one",
		"Every option remains on the table",
	}
	// Byline names are invented: first and last names from unrelated lists.
	bylineFirst = []string{"Amira", "Tom", "Leila", "Jonas", "Priya", "Daniel", "Chiara", "Kofi", "Mei", "Lucas", "Hana", "Omar", "Sofia", "Rafael", "Ingrid", "Tariq", "Elena", "Marcus", "Yuki", "Nadia"}
	bylineLast  = []string{"Castellanos", "Reyes", "Okafor", "Lindqvist", "Haddad", "Brennan", "Moreau", "Tanaka", "Varga", "Mensah", "Kowalczyk", "Delacroix", "Abara", "Sorensen", "Qureshi", "Halloran", "Petrov", "Nakamura", "Ferreira", "Whitlock"}
)
