package quotes

// The word lists are switch statements rather than maps: they compile to
// a binary search over constants, cost no allocation, and cannot be
// changed at run time, so the package holds no mutable state. Every
// function takes a lower-case word.

// verbClass says how a speech verb attaches to its speaker.
type verbClass uint8

const (
	verbNone verbClass = iota
	verbSay            // said, added, warned: the speaker before it, or after it when inverted
	verbThat           // states, notes: a verb only before "that", a colon or a quotation
	verbTold           // told: the speaker before it, the listener after it
)

// speechVerb classifies w as an attribution verb. Present-tense forms that
// are also common plural nouns ("claims", "remarks", "comments") are left
// out; "states" and "notes" count only in front of "that", a colon or a
// quotation (see verbThat).
func speechVerb(w string) verbClass {
	switch w {
	case "said", "says", "say", "added", "adds", "noted", "stated", "warned", "warns",
		"explained", "explains", "insisted", "insists", "argued", "argues", "wrote", "writes",
		"declared", "declares", "announced", "announces", "asked", "replied", "replies",
		"recalled", "recalls", "cautioned", "cautions", "conceded", "concedes",
		"acknowledged", "acknowledges", "admitted", "admits", "claimed", "continued",
		"emphasised", "emphasized", "emphasises", "emphasizes", "stressed", "stresses",
		"urged", "urges", "predicted", "predicts", "remarked", "suggested", "observed",
		"commented", "maintained", "complained", "countered", "responded", "responds",
		"quipped", "tweeted", "affirmed", "reiterated", "vowed", "vows", "pledged",
		"promised", "agreed", "confirmed", "confirms", "denied", "boasted",
		"lamented", "mused", "shouted":
		return verbSay
	case "states", "notes", "claims", "remarks", "comments", "observes", "maintains":
		return verbThat
	case "told", "tells":
		return verbTold
	}
	return verbNone
}

// isListener reports whether the word after "told" belongs to the cue
// ("told reporters", "told Reuters").
func isListener(w string) bool {
	switch w {
	case "reporters", "journalists", "reuters", "afp", "ap", "bloomberg", "xinhua", "tass",
		"interfax", "cnn", "bbc", "dpa", "efe", "ansa", "kyodo", "yonhap", "lawmakers", "parliament":
		return true
	}
	return false
}

// roleNoun reports whether w names a role that can speak: the head of a
// speaker phrase such as "a spokesman for the Kremlin". plural is true for
// plural forms, which never link to one entity.
func roleNoun(w string) (ok, plural bool) {
	switch w {
	case "spokesman", "spokeswoman", "spokesperson", "official", "minister", "ambassador",
		"envoy", "president", "chairman", "chairwoman", "chair", "director", "governor",
		"secretary", "senator", "lawmaker", "legislator", "leader", "chief", "commander",
		"mayor", "premier", "king", "queen", "prince", "chancellor", "commissioner",
		"analyst", "economist", "expert", "negotiator", "diplomat", "source", "witness",
		"resident", "executive", "ceo", "founder", "scientist", "researcher", "professor",
		"judge", "prosecutor", "lawyer", "attorney", "adviser", "advisor", "aide",
		"representative", "delegate", "officer", "manager", "head", "investigator",
		"activist", "mediator", "coordinator", "editor", "owner", "doctor", "engineer",
		"strategist", "chairperson", "deputy", "counsel", "general", "colonel", "captain",
		"sheriff", "inspector", "superintendent", "rapporteur", "emissary", "monarch",
		"pope", "cardinal", "bishop", "imam", "rabbi", "pastor", "priest", "candidate",
		"nominee", "governor-general", "secretary-general", "director-general", "nurse",
		"teacher", "farmer", "pilot", "soldier", "survivor", "villager", "protester", "worker",
		"student", "mother", "father", "trader", "broker", "banker":
		return true, false
	case "spokesmen", "spokeswomen", "spokespeople", "officials", "ministers", "ambassadors",
		"envoys", "lawmakers", "legislators", "leaders", "commanders", "analysts",
		"economists", "experts", "negotiators", "diplomats", "sources", "witnesses",
		"residents", "executives", "scientists", "researchers", "prosecutors", "lawyers",
		"advisers", "advisors", "aides", "representatives", "delegates", "officers",
		"investigators", "activists", "doctors", "engineers", "strategists", "police",
		"authorities", "organisers", "organizers", "critics", "supporters", "protesters",
		"survivors", "villagers", "rescuers", "medics", "traders", "dealers", "bankers",
		"observers", "monitors", "people", "campaigners":
		return true, true
	}
	return false, false
}

// pronoun classifies a speaker pronoun: 'p' for he and she (resolved to
// the nearest person before it), 'o' for others kept as written.
func pronoun(w string) byte {
	switch w {
	case "he", "she":
		return 'p'
	case "they", "we", "i":
		return 'o'
	}
	return 0
}

// determiner reports whether w can open a short speaker phrase ("the
// union", "two diplomats", "his lawyer").
func determiner(w string) bool {
	switch w {
	case "a", "an", "the", "one", "another", "two", "three", "four", "five", "several", "some",
		"many", "his", "her", "its", "their", "our", "this", "that", "these", "those", "both",
		"other", "most", "few", "senior", "top", "local", "state", "government":
		return true
	}
	return false
}

// subordinate reports whether a comma-separated piece starting with w is
// not a noun phrase (a prepositional phrase or a relative clause), so it
// cannot hold the speaker.
func subordinate(w string) bool {
	switch w {
	case "on", "in", "at", "for", "to", "from", "with", "after", "before", "during", "by",
		"of", "about", "over", "under", "since", "until", "as", "into", "without", "through",
		"against", "among", "between", "while", "when", "where", "despite", "because", "if",
		"though", "although", "who", "which", "whose", "whom", "that", "speaking", "adding",
		"saying", "according", "citing", "describing", "asked", "referring", "noting",
		"however", "meanwhile", "instead", "once", "later", "earlier", "separately",
		"yesterday", "today", "monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday", "not", "nor", "than", "like", "unlike", "including", "per":
		return true
	}
	return false
}

// preposition reports whether w puts the name after it in object position
// ("a spokesman for Putin", "an aide to Putin"): that name is not the
// speaker.
func preposition(w string) bool {
	switch w {
	case "for", "to", "of", "with", "from", "by", "about", "at", "in", "on", "against", "near",
		"toward", "towards", "than", "via", "under", "behind", "between", "among", "like":
		return true
	}
	return false
}

// leadingJoin reports whether w is a conjunction dropped from the start of
// a speaker phrase ("and President Christine Lagarde said").
func leadingJoin(w string) bool {
	switch w {
	case "and", "but", "or", "so", "yet", "then", "also", "now", "both":
		return true
	}
	return false
}

// trailingFiller reports whether w may stand between a speaker and the
// verb ("Lagarde also said", "the minister has repeatedly warned").
func trailingFiller(w string) bool {
	switch w {
	case "also", "later", "then", "again", "previously", "repeatedly", "once", "has", "have",
		"had", "will", "would", "could", "might", "may", "can", "reportedly", "recently",
		"earlier", "separately", "further", "quickly", "herself", "himself", "themselves",
		"itself", "subsequently", "last", "publicly", "privately", "often", "frequently",
		"already", "simply", "flatly", "bluntly", "openly", "angrily", "firmly", "just",
		"immediately", "initially", "first", "finally", "still", "even":
		return true
	}
	return false
}

// passiveAux reports whether w before "said"/"quoted" makes a passive
// ("is said to"), or before "quoted as saying" belongs to the cue.
func passiveAux(w string) bool {
	switch w {
	case "is", "was", "are", "were", "be", "been", "being":
		return true
	}
	return false
}

// abbreviation reports whether a word followed by a period is an
// abbreviation, so the period neither ends a sentence nor is punctuation.
// The word is as written (case matters: "No." but not "no.").
func abbreviation(w string) bool {
	switch w {
	case "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Sgt", "Capt", "Cmdr", "Adm",
		"Gov", "Sen", "Rep", "Rev", "St", "Jr", "Sr", "Inc", "Co", "Corp", "Ltd", "No", "Nos",
		"vs", "Mt", "Ft", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
		"Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thurs", "Fri", "Sat", "Sun",
		"Maj", "Brig", "Pvt", "Cpl", "Supt", "Insp", "Hon",
		"approx", "est", "etc", "e.g", "i.e", "a.m", "p.m", "U.S", "U.N", "U.K", "E.U":
		return true
	}
	return false
}

// functionWord reports whether a lower-case word may stand uncapitalised
// inside a Title Case name ("Ring of Fire", "Bank of England").
func functionWord(w string) bool {
	switch w {
	case "of", "the", "and", "for", "in", "on", "a", "an", "to", "de", "la", "del", "du",
		"von", "van", "der", "al", "bin", "at", "&":
		return true
	}
	return false
}
