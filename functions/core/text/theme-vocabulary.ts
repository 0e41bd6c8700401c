/**
 * The built-in theme vocabulary: common English and NHS service words a comms team wants to see as
 * themes ("parking", "cancelled", "closing"). Only these words, and the trust's own matrix words
 * (themes.ts, themeVocabularyOf), ever leave the system as content words: in the digest, in
 * SpikeDetected.topTerms and in spike emails. Anything else a message says (a name, a place, a rare
 * word) stays in the log.
 *
 * Plain data. Rules for editing: lower case, one word each (a hyphenated word is one word, as termsOf
 * reads it), at least 3 letters, no personal names, no place or hospital names, and no word that is
 * mostly a surname or first name (so "porters" but not "porter", no "green", "hill", "rose", "miss").
 * List singular and plural forms separately: matching is exact.
 */
const WORDS = `
access accessible accessibility park parking car cars space spaces permit permits charge charges fee fees fines
barrier barriers ticket tickets machine machines
bus buses shuttle travel travelling traveling journey journeys transport taxi taxis train trains road roads
roadworks traffic entrance entrances signs signage directions lift lifts stairs distance miles disabled
wheelchair wheelchairs

wait waits waiting waited queue queues queueing queuing delay delays delayed backlog backlogs list lists
appointment appointments booking bookings book booked rebooked cancel cancelled canceled cancellation
cancellations cancelling postponed rescheduled referral referrals referred letter letters results scan scans
test tests testing operation operations surgery surgeries procedure procedures treatment treatments
outpatient outpatients inpatient inpatients clinic clinics discharge discharged admission admissions admitted
transfer transfers transferred triage hours minutes overnight weekend weekends night nights morning evening
corridor corridors trolley trolleys

emergency emergencies casualty urgent ambulance ambulances paramedic paramedics maternity midwife midwives
midwifery birth births labour antenatal postnatal neonatal baby babies children child paediatric paediatrics
stroke strokes cancer cardiac heart cardiology oncology chemotherapy radiotherapy dialysis renal kidney
mental health psychiatric dementia diabetes fracture fractures physio physiotherapy x-ray x-rays pharmacy
pharmacist prescription prescriptions medication medicines medicine blood dental dentist dentists eye eyes
hearing audiology orthopaedic orthopaedics surgical theatre theatres intensive hospice palliative end-of-life
rehab rehabilitation therapy therapies vaccination vaccinations vaccine vaccines vaccinated jab jabs booster
boosters flu covid coronavirus norovirus measles infection infections outbreak outbreaks virus screening
hospital hospitals unit units department departments ward wards bed beds centre center centres service
services site sites nhs minor injury injuries walk-in acute specialist specialists consultant-led
midwife-led hyper-acute

staff staffing nurse nurses nursing doctor doctors consultant consultants surgeon surgeons receptionist
receptionists reception porters cleaners carers care caring volunteers volunteer managers management agency
locum locums strike strikes striking industrial pay workforce shortage shortages short staffed
short-staffed understaffed overworked matron matrons

rude rudeness kind kindness friendly helpful professional compassionate attitude communication respect
dignity complaint complaints complain complained compliment compliments praise brilliant amazing excellent
fantastic wonderful great good bad poor terrible awful disgraceful shocking unacceptable dirty clean
cleanliness hygiene food meals meal cold hot noise noisy lost property belongings privacy safety safe unsafe
dangerous danger neglect negligence pals feedback survey experience

visiting visit visits visitor visitors flowers open opening closed shut

closing closure closures close shutting moving move moved moves relocation relocating relocate relocated
merger merging merge downgrade downgrading downgraded cuts cut cutting funding money budget privatisation
privatised private consultation consultations petition petitions protest protests campaign campaigns plans
plan proposal proposals proposed changes change reconfiguration review decision decisions vote meeting
meetings public local build building buildings rebuild construction investment future

outage outages systems system computer computers offline online website app phones phone switchboard email
emails cyber cyberattack hacked ransomware fire fires flood flooding floods flooded power leak leaks
evacuated evacuation alarm lockdown police incident incidents major weather snow storm heat heatwave

misinformation rumour rumours fake news myth myths true false lies truth facts fact claim claims
`;

/** The built-in theme words, lower case, one word each. */
export const BUILT_IN_THEME_WORDS: readonly string[] = [...new Set(WORDS.split(/\s+/u).filter(Boolean))];
