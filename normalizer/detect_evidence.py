"""Letter, script and word evidence for language detection.

Statistical detectors see byte n-grams; on a five-word title they often cannot tell Czech from
Slovak or Serbian from Macedonian, yet one letter (ř, ľ, ђ, ѓ) or one function word ("је", "во")
settles it. This module holds that knowledge as plain data: the letters each language writes, the
script of each language, and short lists of words that separate the members of a close group.
The lists are written by the team from grammar-book knowledge, not learned from any corpus.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from itertools import chain, pairwise

from normalizer.detect_jat import is_ekavian
from normalizer.detect_vocabulary import vocabulary_votes
from normalizer.textclean import repair_mojibake

_CYR_RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_CYR_SR = "абвгдђежзијклљмнњопрстћуфхцчџш"
_LAT_SH = "čćđšž"

# Letters beyond ASCII a-z that each language writes natively (lower case). A Latin-script language
# without an entry writes only ASCII letters; a letter outside a language's set is evidence against
# it. Cyrillic-script languages list their whole alphabet, because the letters they *lack* (bg has
# no ы, mk has no щ, uk has no ы/э) are as telling as the ones they have.
ALPHABETS: dict[str, str] = {
    "af": "áéèêëíîïóôúûý",
    "az": "çəğıöşüi̇",
    "be": "абвгдеёжзійклмнопрстуўфхцчшыьэюя'",
    "bg": "абвгдежзийклмнопрстуфхцчшщъьюяѝ",
    "bs": _LAT_SH,
    "ca": "àçéèíïòóúüŀ·",
    "cs": "áčďéěíňóřšťúůýž",
    "cy": "âêîôûŵŷáéíóúàèìòùäëïöüẁẃẅỳý",
    "da": "æøåéáó",
    "de": "äöüßéè",
    "en": "éè",
    "es": "áéíñóúü",
    "et": "äöõüšž",
    "eu": "ñ",
    "fi": "äöåšž",
    "fr": "àâæçéèêëîïôœùûüÿ",
    "ga": "áéíóú",
    "gl": "áéíñóúü",
    "hr": _LAT_SH,
    "hu": "áéíóöőúüű",
    "id": "é",
    "is": "áðéíóúýþæö",
    "it": "àèéìíîòóù",
    "kk": _CYR_RU + "әғқңөұүһі",
    "ky": _CYR_RU + "ңөү",
    "lt": "ąčęėįšųūž",
    "lv": "āčēģīķļņšūž",
    "mk": "абвгдѓежзѕијклљмнњопрстќуфхцчџшѐѝ",
    "mn": _CYR_RU + "өү",
    "ms": "é",
    "mt": "ċġħżàèìòù",
    "nb": "æøåéèòóô",
    "nl": "éëïóöüèáà",
    "pl": "ąćęłńóśźż",
    "pt": "àáâãçéêíóôõú",
    "ro": "ăâîșțşţ",
    "ru": _CYR_RU,
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "sl": _LAT_SH,
    "sq": "çë",
    "sr": _LAT_SH + _CYR_SR,
    "sv": "åäöé",
    "sw": "",
    "tl": "ñ",
    "tr": "çğıöşüâîû",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'ʼ",
    "uz": "ʻʼ'" + _CYR_RU + "ўқғҳ",
    "vi": "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ",
}

# The script(s) each supported language is written in; languages of a script that nobody else in
# the supported set uses (el, he, ko, th, ...) are decided by the script alone.
SCRIPTS: dict[str, tuple[str, ...]] = {
    **{code: ("LATIN",) for code in ALPHABETS},
    **{code: ("CYRILLIC",) for code in ("be", "bg", "kk", "ky", "mk", "mn", "ru", "uk")},
    "sr": ("CYRILLIC", "LATIN"),
    "uz": ("LATIN", "CYRILLIC"),
    "am": ("ETHIOPIC",),
    "ar": ("ARABIC",),
    "fa": ("ARABIC",),
    "ur": ("ARABIC",),
    "bn": ("BENGALI",),
    "el": ("GREEK",),
    "gu": ("GUJARATI",),
    "he": ("HEBREW",),
    "hi": ("DEVANAGARI",),
    "mr": ("DEVANAGARI",),
    "ne": ("DEVANAGARI",),
    "hy": ("ARMENIAN",),
    "ja": ("HIRAGANA", "KATAKANA", "CJK"),
    "ka": ("GEORGIAN",),
    "km": ("KHMER",),
    "kn": ("KANNADA",),
    "ko": ("HANGUL",),
    "ml": ("MALAYALAM",),
    "pa": ("GURMUKHI",),
    "si": ("SINHALA",),
    "ta": ("TAMIL",),
    "te": ("TELUGU",),
    "th": ("THAI",),
    "zh": ("CJK",),
}

# Serbian is written ekavian ("reka", "mesto"), Croatian and Bosnian ijekavian ("rijeka",
# "mjesto"); Bosnian shares many words with Serbian that Croatian replaces ("hiljada"/"tisuća").
# Most ekavian forms come from the dictionary-derived list (normalizer.detect_jat); these are
# the common ones it lacks: short words, the "pre-" forms it leaves out, words the Croatian
# dictionary lacks, and Serbian words that are no jat forms at all ("veoma", "decenija").
_EKAVIAN = (
    "gde ovde onde negde nigde posle pre svet lep vest vesti belo beli bela hleb leta decenija "
    "deceniji decenije bezbednost bezbedniji bezbednije deo reč verovatno veoma dve ostrva ceo "
    "predsednica uspeh uspeo uspela obezbedi obezbediti obezbeđen srede predlog predloga "
    "predlogu predložio predložila sedeo sedela prestonica prestonice prestonici lek"
)
# Serbian forms that are not ekavian but still differ from Croatian and Bosnian ("takođe" vs
# "također", "opština" vs "općina", the "-šti-" of "opšti" vs "-ći-"), and Montenegrin ones:
# the plural "ljekovi" (Croatian and Bosnian "lijekovi"; "ljekovit", healing, is everyone's)
# and "Prijestonica", Cetinje's title (a stem below; "prijestolnica" elsewhere).
_SR_ONLY = (
    "takođe opština opštine opštini opštinski opštinska opštinske uopšte opšti opšta opšte "
    "opštih opšteg saopštio saopštila saopštenje saopštenju istorija istorije istoriji "
    "istorijski ćerka ćerke ljekovi ljekova ljekove ljekovima"
)
# Eastern words that Serbian and Bosnian share and standard Croatian replaces (Croatian in
# brackets): sistem (sustav), nauka (znanost), sudija (sudac), pijaca (tržnica), autoput
# (autocesta), penzija (mirovina), poslanik (zastupnik), ostrvo (otok), advokat (odvjetnik),
# krivični (kazneni), porodica (obitelj), uslov (uvjet), saobraćaj (promet), hemija (kemija),
# tačka (točka), kancelarija (ured), uprkos (unatoč), desiti se (dogoditi se), vazduh (zrak),
# juče (jučer), milion (milijun), Evropa (Europa).
_EAST = (
    "evropa evrope evropi evropu evropski evropska evropske evropskoj evropskih evropskog "
    "sistem sistema sistemu sistemi nauka nauke nauci naučni naučna naučno naučnik naučnika "
    "sudija sudije sudiji pijaca pijace pijaci autoput autoputa autoputu gas gasa penzija "
    "penzije penziju penzioneri penzionera poslanik poslanici poslanika skupština skupštine "
    "skupštini ostrvo ostrva ostrvu advokat advokata advokati krivični krivična krivično "
    "krivičnu porodica porodice porodici porodicu uslov uslovi uslova saobraćaj saobraćaja "
    "saobraćajna saobraćajne hemija hemijski tačka tačke tačno sprat sprata kancelarija "
    "kancelarije sekretar ambasada ambasade ambasadi uprkos desilo desio dešava dešavaju "
    "vazduh vazduha juče kafa kafe milion miliona pozorišta"
)
# Western (ijekavian standard) words that Croatian and Bosnian share and Serbian does not write.
# (Among the stems below: tax words, "porezna uprava" in Croatia and the Federation, "poreska
# uprava" in Serbia, Montenegro and Republika Srpska.)
_WEST = (
    "također općina općine općini općinski općinska uopće opći opća opće općeg zrak zraka "
    "vijeće vijeća vijeću jučer ured ureda uredu ministrica ministrice ministrici euro eura "
    "plin plina cesta ceste cestu uvjet uvjeti uvjeta"
)
_BS_SR = (
    "hiljada hiljade hiljadu šta fudbal fudbalski voz voza univerzitet univerziteta "
    "muzika muzike januar januara februar februara mart marta april aprila maj maja jun "
    "juna jul jula septembar septembra oktobar oktobra oktobru novembar novembra decembar "
    "decembra niko neko ko tokom fabrika fabrike plata plate platu nivo nivoa decenija deceniji "
    "ponovo opozicija opozicije ambasador biblioteke biblioteka uhapsila uhapsio tim lider "
    "penala povrede povreda putevima stepeni stepena budžet prevoz "
    "naučnici inostranstvu inostranstvo aerodrom aerodroma "
    "vakcinacija vakcinaciju spasioci toplotni pozorište firma firme kabl kabla kablove "
    "kablova kirija kirije kiriju kirijama selektor selektora ministarka ministarke "
    "ministarki apoteka apoteke apoteci porodilište porodilišta procenat procenta "
    "procenata shodno krompir krompira paradajz štampa štampe štampi komandant komandanta "
    "reditelj reditelja učesnik učesnika učesnici učesnike teniser tenisera teniserka ubistvo "
    "ubistva ubica ubice berza berze berzi računar računara računarski funkcioner funkcionera "
    "funkcioneri kasarna kasarne autobuski autobuska autobuske autobuskoj autobuskog portparol "
    "portparola portparolka pasoš pasoša pasoše"
)

# Foreign names in the news: Serbian spelling transcribes them ("Tramp", "Vašington", "Gugl"),
# Croatian, Bosnian and Slovene keep the original ("Trump", "Washington", "Google"). International
# stories name them again and again, often in sentences nothing else tells apart. (Serbian,
# original) stems, declined with _NAME_ENDINGS; only names each side spells its own way: exonyms
# Croatian writes as Serbian does ("Teksas", "Šangaj") are not here.
_FOREIGN_NAMES = (
    ("tramp", "trump"), ("bajden", "biden"), ("makron", "macron"), ("šolc", "scholz"),
    ("džonson", "johnson"), ("heris", "harris"), ("klinton", "clinton"), ("lajen", "leyen"),
    ("cukerberg", "zuckerberg"), ("gejts", "gates"), ("đinping", "jinping"),
    ("netanjahu", "netanyahu"), ("vašington", "washington"), ("njujork", "york"),
    ("čikago", "chicago"), ("holivud", "hollywood"), ("majami", "miami"), ("gugl", "google"),
    ("fejsbuk", "facebook"), ("tviter", "twitter"), ("majkrosoft", "microsoft"),
    ("jutjub", "youtube"), ("ajfon", "iphone"),
)
# case endings and the possessive adjective ("Trampa", "Trampu", "Trampova"; Croatian declines
# the original spelling the same way: "Trumpa", "Googlea")
_NAME_ENDINGS = ("", "a", "u", "om", "ov", "ova", "ove", "ovu", "ovi", "ovog", "ovom", "ovoj", "ovih", "ovim")


def _declined(stems: Iterable[str]) -> str:
    return " ".join(stem + ending for stem in stems for ending in _NAME_ENDINGS)


_TRANSCRIBED_NAMES = _declined(serbian for serbian, _ in _FOREIGN_NAMES)
_ORIGINAL_NAMES = _declined(original for _, original in _FOREIGN_NAMES)

# Words that separate the members of a close group. A word belongs here only when it is common in
# news prose of its language and absent (or rare) in the other members of the group.
MARKERS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "sr": "је су био била били биће који која које сви данас каже рекао рекла због након "
        "између такође већ ће али овај ова године шта њихов њихова београд београду "
        "србија србије србији beograd beogradu tanjug tanjuga evro evra evrima "
        + f"{_EKAVIAN} {_BS_SR} {_SR_ONLY} {_EAST} {_TRANSCRIBED_NAMES} srbija srbije "
        # Montenegrin, which counts as Serbian: "nijesu", "sjutra", and its currency, the euro
        # (where Serbia writes "evro": only ijekavian, Montenegrin text has it)
        "nijesu nijesam nijesmo nijeste sjutra sjutradan euro eura",
        "hr": f"{_WEST} {_ORIGINAL_NAMES} sustav sustava sustavu sustavi znanost znanosti "
        "znanstveni znanstvena sudac suca sutkinja tržnica tržnice tržnici autocesta autoceste autocestu "
        "umirovljenici umirovljenika zastupnik zastupnici zastupnika otok otoka otoku "
        "odvjetnik odvjetnika kazneni kaznena kazneno kaznenog promet "
        "prometa prometna prometne kemija kemijski točka točke točno tajnik "
        "veleposlanstvo unatoč kava kave milijun milijuna "
        "europa europe europi europu europski europska europske europskoj europskih europskog "
        "glasnogovornik glasnogovornica vanjski vanjskih prijestolnica vjerojatno općenito "
        "tisuća tisuće tisuću tjedan tjedna tjedno kruh sveučilište sveučilišta "
        "nogomet nogometni zrakoplov zrakoplovna glazba glazbe siječnja veljače ožujka travnja "
        "svibnja lipnja srpnja kolovoza rujna listopada studenoga prosinca siječanj veljača "
        "ožujak travanj svibanj lipanj srpanj kolovoz rujan listopad studeni prosinac vlak "
        "tijekom izvješće priopćenje priopćila priopćio obitelj obitelji povijest "
        "gospodarstvo gospodarstva ravnatelj tvrtka tvrtke tvrtki tvornica tvornice "
        "hrvatska hrvatske zagreb zagrebu sabor sabora postotak mirovina mirovine oporba oporbe "
        "veleposlanik knjižnica knjižnice uhitila uhitio uhićen prosvjed prosvjedovali momčad "
        "jedanaesterac jedanaesteraca ozljeda ozljede čelnik čelnica ponovno "
        "razina razinu desetljeće desetljeća stupnjeva županija županije prijevoz proračun "
        "plaća plaće plaću iduće idućeg idući znanstvenici tračnica tračnice tračnica nitko "
        "posjetitelja inozemstvu inozemstvo zračna zračne cijepljenje spašavatelji toplinski "
        "kazalište dulje glasovalo svojeg izvješća tko netko nitko kabel kabela kabele kabelima "
        "glede sukladno izbornik izbornika liječnik liječnika "
        "liječnici liječnicima ljekarna ljekarne ljekarni najamnina najamnine rodilište "
        "rodilišta hina "
        # the Croatian words for the Serbian and Bosnian ones added last to _BS_SR ("postaja":
        # not "postaje", "postaju", which are also forms of "postati", to become)
        "kolodvor kolodvora kolodvoru postaja postaji postajama rajčica rajčice krumpir krumpira "
        "tisak tiska tisku zapovjednik zapovjednika redatelj redatelja redateljica skladatelj "
        "skladatelja sudionik sudionika sudionici sudionike glasovanje glasovanja potpora potpore "
        "potporu primjerice dakako unutarnji unutarnjih unutarnje unutarnjeg unutarnjim "
        "zgoditak zgoditka tenisač tenisača tenisačica ubojstvo ubojstva ubojica ubojice burza "
        "burze burzi stanarina stanarine računalo računala računalni dužnosnik dužnosnika "
        "dužnosnici dužnosnike župan župana vojarna vojarne vojarni autobusni autobusnog "
        "autobusnom prometnica prometnice putovnica putovnice putovnicu cjepivo cjepiva cjepivom "
        "ozlijeđen ozlijeđena ozlijeđeno ozlijeđeni ozlijeđene",
        "bs": f"{_BS_SR} {_EAST} {_WEST} {_ORIGINAL_NAMES} historija historije historiji historijski "
        "saopćenje saopćio saopćila lahko sahat "
        "sahata kahva kahve sarajevo sarajevu bih federacije federacija kantona kanton kantonu "
        "bošnjaci bošnjaka mahala fena entitet entiteta entitetu entiteti entitetima fbih "
        # employees: "uposlenici" (Croatian "zaposlenici", Serbian "zaposleni")
        "uposlenik uposlenika uposlenici uposlenike uposlenih uposlenicima",
        # Slovene shares the group with Serbian, Croatian and Bosnian: its own function words
        "sl": f"in ki so bo bodo tudi kot vendar zelo ter {_ORIGINAL_NAMES}",
        "mk": "во со ќе е беше ги го ѝ нивната нивниот повеќе денес тоа оваа овој "
        "сите меѓу владата владаат скопје македонија северна така "
        "бил кои според годинава каде сепак тогаш",
        "bg": "ще е беше ги го нейната техния повече днес казва това тази този всички "
        "правителството софия българия също така бил каза които която "
        "според след преди какво където обаче тук тогава вече",
        "cs": "se jako byl byla byli bylo který která které nebo podle také ještě jsem jsme "
        "jsou když pro ve ze jen řekl uvedl město roce lidí může musí mezi bude budou již "
        "tedy proto kde jak až přes protože něco není nejsou tento tato toto čr praha praze",
        "sk": "sa aj ako bol bola boli bolo ktorý ktorá ktoré alebo podľa tiež ešte som sme "
        "sú keď pre vo zo len povedal uviedol mesto ľudí môže musí medzi bude budú "
        "teda preto kde ako až cez pretože niečo nie sú tento táto toto sr bratislava "
        "bratislave",
        "nb": "tjue tretti førti femti seksti sytti åtti nitti sør ikkje blir nei "
        "av ble blitt mye noe noen etter mellom gjennom sier enn nå fikk regjeringen "
        "sykehus uke bli hadde ut opp tilbake mot kveld meg deg seg vei sa gjøre høy nytt "
        "siste ikke hva norge norske oslo bergen kommunen fylket stortinget politiet "
        "statsministeren gikk hvordan selv også kroner spørsmål innen inntil språk barnehage "
        "helse innbyggere",
        "da": "tyve tredive fyrre halvtreds tres halvfjerds firs halvfems syd bliver "
        "af blev blevet meget noget nogen efter mellem gennem siger end nu fik regeringen "
        "sygehus uge blive havde ud op tilbage mod aften mig dig sig vej sagde gøre høj nyt "
        "sidste ikke hvad danmark danske københavn aarhus kommunen regionen folketinget "
        "politiet statsministeren gik hvordan selv også kroner spørgsmål inden indtil sprog "
        "børnehave sundhed indbyggere",
        # Swedish words without ä/ö (those letters already count against nb and da), then the
        # words Swedish shares with one of them, which thereby vote for both ("av", "efter")
        "sv": "tjugo trettio fyrtio femtio sextio sjuttio åttio nittio och att inte från också "
        "till inom enligt utan sedan bara vad hur ska vill mycket något någon några många "
        "hade fick blivit sade upp tillbaka mellan genom sista hela nya flera sina honom hon "
        "jag deras vilket vilka redan trots dock polisen sjukhus sjukhuset vecka veckan kronor "
        "svenska riksdagen statsministern "
        "av blir bli ut mot sa nytt språk blev efter nu mig dig sig regeringen regionen kommunen",
        "ms": "polis wang bahawa kerana peratus bilion trilion pejabat "
        "hospital mesti ialah iaitu selepas sahaja baharu ramai "
        "kenderaan bandar syarikat ringgit kes projek memandu mahu malaysia kuala lumpur "
        "datuk jurulatih jururawat kakitangan pelancong tiada berhampiran amaran "
        "pusingan cukai perniagaan menggesa isnin khamis jumaat ahad mac jun julai "
        "ogos disember mangsa mesyuarat tarikh rancangan berbanding laluan perlembagaan "
        "mengarahkan doktor tentera percuma hujung bersendirian menyukarkan bot "
        "tuaian lebuh sempena sekiranya teksi bas kedai ubat filem muzik akhbar kempen "
        "televisyen lelaki bapa rakan faham berfikir cuba mencuba dicuba dijangka jadual "
        "dijadualkan majlis peguam pengangkutan pelancongan sukan peperiksaan "
        "menerusi gabenor suspek tandas perbadanan persekutuan manakala justeru esok "
        "memaklumkan dimaklumkan mendedahkan berkenaan susulan berikutan sebarang mana-mana "
        "bekalan siasatan kenyataan pelaburan pelabur hartanah kerajaan awam faedah bomba "
        "askar pensyarah dadah kilang bajet timbalan naib undi mengundi pengundi telefon "
        "bimbit kerusi percutian jawatan bilik kemalangan lembu pelarian "
        "pawagam sempadan insurans zon "
        # everyday news words Indonesian writes otherwise (Indonesian in brackets, among the id
        # markers): haiwan (hewan), rasuah (korupsi), parlimen (parlemen), akaun (rekening),
        # pesakit (pasien), eksport (ekspor), lori (truk), kejohanan (kejuaraan)
        "haiwan rasuah parlimen akaun muzium perbelanjaan tayar basikal motosikal lori "
        "mencadangkan menyiasat disiasat pendakwa pesuruhjaya jurucakap setiausaha pengerusi "
        "eksport pesakit rawatan pandemik kuarantin saintis petrol kejohanan kontemporari diraja",
        "id": "setelah sesudah saja mobil proyek kasus perusahaan pengadilan mau bilang "
        "pemerintah polisi uang bahwa karena persen miliar triliun mengatakan kantor provinsi "
        "kemarin sepeda bisa harus indonesia jakarta rupiah dpr dprd bensin sopir toko koran "
        "kampanye televisi obat pariwisata olahraga advokat yaitu kalian banget nggak enggak "
        "aja udah gimana berpikir paham laki-laki bapak rekan coba mencoba dicoba jadwal "
        "dijadwalkan diperkirakan majelis bandara bupati kabupaten kecamatan gubernur pemilu "
        "tersangka kepolisian sejumlah usai jelang yakni besok meski meskipun ujar ujarnya "
        "tuturnya ungkapnya terkait pasokan penyidikan penyidik pernyataan investasi kok sih "
        "dong "
        "pajak pelatih perawat wisatawan darurat survei senin kamis jumat maret juni juli "
        "agustus desember korban rapat tanggal rencana dibanding jalur pegunungan konstitusi "
        "memerintahkan dokter tentara gratis ujung sendirian menyulitkan perahu ginjal panen "
        "tol kebijakan tim mahasiswa lansia anjlok keran nggak publik dosen narkoba "
        "pabrik produksi karyawan mantan perbatasan ponsel telepon kursi liburan "
        "kendaraan kamar kecelakaan sapi pengungsi bioskop asuransi zona tni polri "
        "kpk apbn bumn bpjs hewan korupsi parlemen rekening truk usulan mengusulkan jaksa "
        "sekretaris ekspor impor pasien pandemi karantina listrik kejuaraan maskapai "
        "kontemporer kesepakatan",
        "ca": "els amb per és aquest aquesta també però més fins segons perquè havia van "
        "seva seu pel pels hi ho molt any anys dilluns dimarts dimecres dijous divendres "
        "ciutat govern ajuntament després avui ahir nou nova tot tots totes quan on "
        "dels catalunya barcelona generalitat",
        "es": "los las del con por para pero más también según porque había su sus muy año "
        "años lunes martes miércoles jueves viernes ciudad gobierno ayuntamiento mientras "
        "después hoy ayer nuevo nueva todo todos cuando donde y el españa madrid",
        # Afrikaans against Dutch: the function words and everyday forms Afrikaans spelling
        # and grammar changed (Dutch in brackets, among the nl markers): nie (niet), vir (voor),
        # hy (hij), sal (zal), sonder (zonder), mense (mensen), hierdie (deze)
        "af": "nie vir hulle hul hy sy ek jy julle hom my baie sal sou moes gewees geword "
        "hierdie daardie sonder seker sodat terwyl tydens byvoorbeeld altyd nuwe mense asook "
        "egter tans kinders maande dae as suid-afrika suid-afrikaanse",
        "nl": "niet zijn zij hij ik jij mij mijn wij zich zo zou zal zullen worden wordt werd "
        "geworden geweest deze echter thans mensen kinderen dagen jaren nieuwe zonder zeker "
        "zodat terwijl tijdens bijvoorbeeld altijd bij hun hem als er naar door tegen heeft "
        "hebben komen waren nederland nederlandse",
    }.items()
}

# Word stems that mark a language within its close group: a word counts when it starts with one
# (so "hljeb" also finds "hljeba", "hljebom"). Only stems of five or more letters that no other
# member's word starts with; inflected forms in any case or number are what real text has.
_SR_STEMS = (
    "predlog izvešt devojk zvezd prestonic železnic opštin opštinsk saopšt istorij "
    "ćerk bezbedn verovatn lekar nedelj primer pesm pevač uspeh obezbe "
    "celokup poslednj sledeć mleko mleka hleba razume zameni zamenj promen odelj beograd "
    "podgoric crnogor prijeston spoljn šargarep pasulj"
)
_EAST_STEMS = (
    "hiljad evrop univerzitet fudbal sistem naučn sudij pijac autoput penzij penzion poslanik "
    "poslanic skupštin ostrv advokat krivičn porodic uslov saobraćaj hemij hemijsk kancelarij "
    "ambasad uprkos dešava vazduh fabrik inostranstv aerodrom vakcin bibliotek "
    "opozicij budžet prevoz muzik januar februar april avgust septemb oktob novemb "
    "decemb milion privred preduzeć vanredn odbran finansij učestvov izvin snabd ličn "
    "elektronsk kiseonik vodonik ugljenik auto-put poresk"
)
_WEST_STEMS = "također općin uopće vanjsk prijestolnic općenit sudjelov porezn"
# Eastern words in their ijekavian form: Bosnian, and the Serbian of Republika Srpska and
# Montenegro, write them; Croatian does not, and ekavian Serbian writes "lekar", "hleb" instead,
# so their vote for Serbian only counts for ijekavian text
_IJEKAVIAN_EAST_STEMS = "hljeb ljekar vjerovatn sedmic bezbjedn"
MARKER_STEMS: dict[str, tuple[str, ...]] = {
    lang: tuple(dict.fromkeys(stems.split()))
    for lang, stems in {
        "sr": f"{_SR_STEMS} {_EAST_STEMS} {_IJEKAVIAN_EAST_STEMS}",
        "hr": _WEST_STEMS + " tisuć tjedn tjedan kruh sveučiliš nogomet zrakoplov glazb siječ "
        "veljač ožuj travanj travnj svibanj svibnj lipanj lipnj srpanj srpnj kolovoz rujan rujn "
        "listopad prosin izvješ priopć obitelj povijest gospodarst ravnatelj tvrtk tvornic "
        "postot mirovin oporb veleposlan knjižnic uhiti uhić prosvjed momčad ozljed čelnik "
        "čelnic desetljeć stupnj županij prijevoz proračun znanstven znanost tračnic "
        "posjetitelj inozemst cijeplj spašavatelj kazališ sustav sutkinj tržnic autocest "
        "umirovljen zastupni odvjetni kaznen uvjet kemij vjerojatn glasnogovorni europ milijun "
        "financij obran poduzeć izvanredn opskrb nazoč iskaznic elektroničk kisik vodik ugljik "
        "dušik zagreb",
        "bs": f"{_EAST_STEMS} {_WEST_STEMS} {_IJEKAVIAN_EAST_STEMS} historij saopć "
        "kanton bošnja mahal sarajev",
    }.items()
}

# Word pairs that mark Croatian or Bosnian against Serbian: the future written with a clipped
# infinitive ("bit će", "igrat ćemo"), which Serbian spelling joins ("biće"); and what follows a
# modal verb: Croatian prefers the infinitive ("mora platiti"), Serbian and Bosnian "da" with
# the present ("mora da plati"). And the name of Montenegro in any case ("u Crnoj Gori"), whose
# texts count as Serbian.
_MONTENEGRO = (
    frozenset({"crna", "crne", "crnoj", "crnu", "crnom"}),
    frozenset({"gora", "gore", "gori", "goru", "gorom"}),
)
_FUTURE_AUX = frozenset({"ću", "ćeš", "će", "ćemo", "ćete", "cu", "ces", "ce", "cemo", "cete"})
_MODALS = frozenset({
    "moram", "moraš", "mora", "moramo", "morate", "moraju", "mogu", "možeš", "može", "možemo",
    "možete", "žele", "želi", "želim", "želimo", "želite", "treba", "trebaju", "hoće", "hoćemo",
    "hoću", "namjerava", "namerava", "planira", "planiraju", "pokušava", "pokušavaju",
})


# Close groups: marker words only count between members of one group, so that a Slovene "je" does
# not vote for Serbian.
CLOSE_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"sr", "hr", "bs", "sl"}),
    frozenset({"mk", "bg", "sr", "ru"}),
    frozenset({"ru", "uk", "be"}),
    frozenset({"cs", "sk"}),
    frozenset({"nb", "da", "sv"}),
    frozenset({"ms", "id"}),
    frozenset({"ca", "es", "gl", "pt"}),
    frozenset({"af", "nl"}),
)

# Groups whose writers often drop diacritics online ("Cesko", "sta"): their markers also count in
# ASCII-folded form, unless that form is a marker of another member of the group.
_FOLDED_GROUPS = ("cs", "sk", "sr", "hr", "bs")

# Word shapes that mark a language within its close group: (pattern, exceptions).
# - hr, bs (see ijekavian_counts): "ije"/"je" after a consonant where Serbian writes "e" (rijeka/reka, mjesto/mesto);
#   "nije" (is not), case endings of -ija nouns ("energije") and loans ("projekat", "klijent",
#   "premijer") have the sequence in every variant;
# - sr: the future written as one word ("radiće", "biće"; hr and bs write "radit će");
# - ru: adjective endings -ого/-его/-ую, which Bulgarian and Macedonian do not have;
# - mk: the postposed article -от ("градот"); sr (Cyrillic): the case endings and the -ао/-ио
#   participle that Macedonian and Bulgarian do not have ("новог", "Србији", "рекао");
# - nb, da, sv: -sjon/-het vs -tion/-hed, av- vs af- prefixes, nb "kj", da "ej" (vei/vej).
_IJEKAVIAN = (
    re.compile(r"[a-zčćđšž]ije[a-zčćđšž]|^(?:dvije|prije)$|[bcdmpsvt]je[a-zčćđšž]"),
    re.compile(r"^nije|objek|projek|subjek|klijen|ijer"),
)


def ijekavian_counts(words: list[str]) -> tuple[int, int]:
    """(words with an ijekavian "ije"/"je" form, words of three or more letters without one).
    Roughly one word in 14 of Croatian or Bosnian news prose shows the reflex (rijeka, mjesto,
    vrijeme), almost none of ekavian Serbian: both counts are evidence, weighed in detect."""
    match, exclude = _IJEKAVIAN
    hits = sum(1 for word in words if match.search(word) and not exclude.search(word))
    return hits, sum(1 for word in words if len(word) >= 3) - hits


_PatternRule = tuple[tuple[str, ...], re.Pattern[str], re.Pattern[str] | None]
WORD_PATTERNS: tuple[_PatternRule, ...] = (
    (
        ("sr",),
        re.compile(r"(?:iće|aće|ićemo|aćemo|ićete|aćete|иће|аће|ићемо|аћемо|ићете|аћете)$"),
        re.compile(r"^(?:piće|plaće|kraće|najkraće|veće|domaće|spavaće|пиће|плаће|краће|домаће)$"),
    ),
    # verbs from international stems: hr (and bs) "organizirati", sr and bs "organizovati"
    (("hr", "bs"), re.compile(r"izir"), None),
    (("sr", "bs"), re.compile(r"izov"), None),
    # loan verbs in "-isati", which Croatian builds with "-irati" ("kontrolisati, informisao",
    # hr "kontrolirati"); Serbian writes many loans with "-irati" too ("blokirati", "planirati"),
    # so that ending decides nothing. Native verbs in "-isati" ("pisati", "brisati") and short
    # stems are not counted.
    (
        ("sr", "bs"),
        re.compile(r"^[a-zčćđšž]{4,}is(?:ati|ao|ala|ali|alo|ale|an|ana|ano|ani|ane|anje|anja|anju)$"),
        re.compile(r"pis|bris"),
    ),
    # East Slavic adjective endings: Ukrainian and Belarusian write them too (-ого, -ых), so
    # they separate Russian from Bulgarian and Macedonian only
    (("ru", "uk", "be"), re.compile(r"(?:ого|его|ую|ый|ых|ым)$"), None),
    # verbal nouns in -ние, Bulgarian and Russian alike (mk writes -ње, whose њ already
    # decides; uk -ння, be -нне); Macedonian verb forms with a double vowel ("бараат",
    # "пораснаа"), which Bulgarian does not build
    (("bg", "ru"), re.compile(r"(?:ние|нието|нията|ения)$"), None),
    (("mk",), re.compile(r"[а-я]аа"), None),
    # the Macedonian article of masculine nouns and adjectives, "-от/-иот" ("градот", "новиот"),
    # where Bulgarian writes "-ът/-ия(т)" and Serbian has no article; the few plain nouns in
    # "-от" that all three share ("живот", "пилот", "робот") are not counted
    (
        ("mk",),
        re.compile(r"[а-яѓќѕјљњџ]{2}от$"),
        re.compile(r"^(?:пилот|патриот|идиот|флот|робот|ферибот)$|живот$"),
    ),
    # Serbian keeps the noun cases Macedonian and Bulgarian lost: adjective genitive "-ог"
    # ("новог"), dative/instrumental plural "-ама/-има" ("људима"), the -ија nouns' "-ији/-ију"
    # ("Србији"), and the past participle "-ао/-ио" ("рекао", "објавио"; mk "рекол")
    (
        ("sr",),
        re.compile(r"[а-яђјљњћџ]{2}(?:ог|ији|ију|ама|има|ао|ио)$"),
        re.compile(
            r"^(?:бог|рог|мог|итог|ворог|порог|дорог|пирог|строг|налог|предлог|каталог|диалог|"
            r"дијалог|пролог|епилог|монолог|аналог|сама|мама|зима|прима|клима|какао|макао|"
            r"радио|студио|сценарио|трио|портфолио)$|олог$|(?:грама|драма|клама|рама|режима)$"
        ),
    ),
    # Norwegian against Danish: "-sjon/-het" against "-tion/-hed", "av-" against "af-", nb "kj",
    # da "ej" (vei/vej); Swedish writes "-het" and "av-" like Norwegian ("säkerheten", "avgick")
    # and "-tion" and "ej" like Danish ("stationen", "nej", "mejl"), so those vote for both.
    # "Afrika" and "Afghanistan" are spelled so in all three.
    (("nb",), re.compile(r"(?:sjon|sjonen|sjoner)$|kj"), None),
    (("nb", "sv"), re.compile(r"(?:het|heten|heter)$|^av[bcdfghjklmnprstvz]"), None),
    (("da",), re.compile(r"(?:hed|heden|heder)$|^af[bcdfghjklmnprstvz]"), re.compile(r"^(?:afrik|afgh)")),
    (("da", "sv"), re.compile(r"(?:tion|tionen|tioner)$|ej"), None),
    # English "-ity" loans: ms "universiti, kualiti, aktiviti", id "universitas, kualitas";
    # ms "kew-" (kewangan, kewujudan) where id writes "keu-" (keuangan)
    (("ms",), re.compile(r"[a-z]iti$|^kew[aeiou]"), re.compile(r"^(?:iti|politi|sakiti|diiti)$")),
    (("id",), re.compile(r"[a-z]itas(?:nya)?$|^keu[a-z]"), None),
    # Afrikaans spelling against Dutch: "-lik" for "-lijk" (moontlik, werklik), "-iese" for
    # "-ische" (ekonomiese), "sk-" for "sch-" (skool, geskiedenis; not the loans ski, skiën,
    # skelet, sketch); Dutch "ij" (tijd, bij; Afrikaans "tyd", "by") and "-isch(e)"
    (
        ("af",),
        re.compile(r"[a-z]lik$|iese$|^(?:ge)?sk(?:[aioru]|e(?![lt]))"),
        re.compile(r"^(?:blik|klik|slik|ogenblik|dubbelklik|skis?)$|^skië"),
    ),
    (("nl",), re.compile(r"ij|isch(?:e|er)?$"), None),
)
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")


@dataclass
class TextEvidence:
    """What the letters of a text say, independent of any statistical model."""

    letters: int                      # number of letters (any script)
    script: str | None                # dominant script, e.g. "LATIN", "CYRILLIC"; None: no letters
    scripts: dict[str, int]           # letters per script
    special: dict[str, int]           # non-ASCII letters (lower case) with their counts
    text: str                         # the text itself, for :attr:`words`
    # the texts combined into this one (see :meth:`combine`)
    parts: tuple[TextEvidence, ...] = field(default=(), repr=False, compare=False)

    @cached_property
    def words(self) -> list[str]:
        """Lower-cased words, in order; computed only when marker words are looked up. Those of
        combined texts are their parts' words (no word spans the line break that joins them, and
        lower-casing reads no further than a word), so that an article's paragraphs, whose words
        the decision of each paragraph may need too, are read once."""
        if self.parts:
            return [word for part in self.parts for word in part.words]
        return _WORD.findall(self.text.lower())

    @classmethod
    def combine(cls, parts: list[TextEvidence]) -> TextEvidence:
        """The evidence of several texts read as one (an article's paragraphs and title): the
        counts are added, which is cheaper than counting the joined text again."""
        scripts: dict[str, int] = {}
        special: dict[str, int] = {}
        for part in parts:
            for script, count in part.scripts.items():
                scripts[script] = scripts.get(script, 0) + count
            for char, count in part.special.items():
                special[char] = special.get(char, 0) + count
        script = max(sorted(scripts), key=scripts.__getitem__) if scripts else None
        text = "\n".join(part.text for part in parts)
        return cls(sum(scripts.values()), script, scripts, special, text, tuple(parts))

    @cached_property
    def special_in_script(self) -> dict[str, int]:
        """The special letters of the dominant script (a Cyrillic name in a Latin text is not
        evidence about the Latin text's letters)."""
        return {c: n for c, n in self.special.items() if script_of(c) == self.script}


def clean_text(text: str) -> str:
    """Drop URLs and e-mail addresses (they carry the language of the web, not of the text) and
    unpaired surrogates (invalid UTF-16 halves from broken decoders), repair mojibake (UTF-8 read
    as a single-byte code page: "NejlÃ©pe to vysvÄ›tlÃ­" read as Portuguese at 0.98 before it was
    repaired; extraction repairs the texts it emits, a caller's own text may not be), normalize
    to NFC."""
    text = text.encode("utf-8", "replace").decode("utf-8") if _has_surrogates(text) else text
    text = repair_mojibake(text)
    if "@" in text or "://" in text or "www." in text.lower():  # the regex costs 10x this test
        text = _URL.sub(" ", text)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


@lru_cache(maxsize=8192)
def script_of(char: str) -> str | None:
    """Script of a letter from its Unicode name ("CYRILLIC SMALL LETTER A" -> "CYRILLIC");
    Python has no script property and this avoids a dependency for one lookup."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    if name.startswith("CJK") or "IDEOGRAPH" in name:
        return "CJK"
    return name.split(" ", 1)[0] or None


def gather_evidence(text: str) -> TextEvidence:
    """Count letters by script and collect the special letters of a cleaned text."""
    return _evidence(text, Counter(text).items())


def gather_evidence_many(texts: Sequence[str]) -> list[TextEvidence]:
    """:func:`gather_evidence` of each text (an article's paragraphs), counted together: Counter
    costs ~70 ns per character, each one becoming a str object, while numpy counts the ASCII
    letters (all Latin) of every text in one pass and sorts the other characters of all texts at
    once; only the distinct non-ASCII characters of each text are then looked up one by one."""
    import numpy as np

    points = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), [len(text) for text in texts])
    ascii_letter = (points | 0x20) - ord("a") < 26  # unsigned: below "a" wraps around
    latin = np.bincount(owner[ascii_letter], minlength=len(texts)).tolist()
    wide = points >= 0x80
    keys, counts = np.unique(owner[wide] << 21 | points[wide], return_counts=True)  # points < 2**21
    others: list[list[tuple[str, int]]] = [[] for _ in texts]
    for key, count in zip(keys.tolist(), counts.tolist(), strict=True):
        others[key >> 21].append((chr(key & 0x1FFFFF), count))
    return [_evidence(*args) for args in zip(texts, others, latin, strict=True)]


def _evidence(text: str, counts: Iterable[tuple[str, int]], ascii_letters: int = 0) -> TextEvidence:
    """The evidence of ``text`` from its characters' ``counts`` (its ASCII letters, if counted
    apart, given as ``ascii_letters``)."""
    scripts: dict[str, int] = {"LATIN": ascii_letters} if ascii_letters else {}
    special: dict[str, int] = {}
    for char, count in counts:
        kind = _CHAR_KINDS.get(char)
        if kind is None:
            kind = _char_kind(char)
        script, lower = kind
        if script is None:
            continue
        scripts[script] = scripts.get(script, 0) + count
        if lower is not None:
            special[lower] = special.get(lower, 0) + count
    script = max(sorted(scripts), key=scripts.__getitem__) if scripts else None
    return TextEvidence(sum(scripts.values()), script, scripts, special, text)


_CHAR_KINDS: dict[str, tuple[str | None, str | None]] = {}


def _char_kind(char: str) -> tuple[str | None, str | None]:
    """(script, lower-case form if the letter is beyond ASCII) of a character, remembered: a
    process sees a few thousand distinct characters at most, and the dictionary stays bounded
    by clearing it when a flood of rare ones (random input) fills it."""
    if len(_CHAR_KINDS) > 100_000:
        _CHAR_KINDS.clear()
    script = script_of(char)
    kind = (script, char.lower() if script is not None and not char.isascii() else None)
    _CHAR_KINDS[char] = kind
    return kind


def foreign_letters(special: dict[str, int], lang: str) -> int:
    """How many of the ``special`` letters (see TextEvidence.special_in_script) the language
    does not write (0 when its alphabet is unknown)."""
    alphabet = _alphabet_set(lang)
    if alphabet is None:
        return 0
    return sum(special[char] for char in special.keys() - alphabet)


@cache
def _alphabet_set(lang: str) -> frozenset[str] | None:
    letters = ALPHABETS.get(lang)
    if letters is None:
        return None
    return frozenset(letters) | frozenset(unicodedata.normalize("NFC", letters))


def marker_counts(words: list[str], group: frozenset[str], without: str | None = None) -> dict[str, int]:
    """Occurrences of each group member's marker words, word patterns and word pairs among
    ``words``; with ``without``, only of those that do not also vote for that member (the words
    that tell Serbian from Bosnian: ``without="bs"``)."""
    votes = _votes_cache(group)
    counts: dict[str, int] = {}
    found = (_cached_votes(word, group, votes) for word in words)
    pairs = _pair_votes(words, group) if "hr" in group else []
    for langs in chain(found, pairs):
        if without not in langs:
            for lang in langs:
                counts[lang] = counts.get(lang, 0) + 1
    return counts


_SH = frozenset(("bs", "hr", "sr"))


def vocabulary_counts(words: list[str], group: frozenset[str]) -> dict[str, int]:
    """Votes of the dictionary-derived vocabulary (:mod:`normalizer.detect_vocabulary`) among
    ``words``: an east word ("rumunski") for Serbian and Bosnian, a west word ("partnerica") for
    Croatian and Bosnian. A word that a hand marker, stem or pattern of ``group`` already counts
    for one of them is skipped: it is one piece of evidence, not two."""
    if not _SH <= group:
        return {}
    votes = _votes_cache(group)
    counts: dict[str, int] = {}
    for word in words:
        langs = vocabulary_votes(word)
        if langs and _SH.isdisjoint(_cached_votes(word, group, votes)):
            for lang in langs:
                counts[lang] = counts.get(lang, 0) + 1
    return counts


def _pair_votes(words: list[str], group: frozenset[str]) -> list[tuple[str, ...]]:
    """Votes of the word pairs described at _FUTURE_AUX / _MODALS / _MONTENEGRO, one per pair."""
    votes: list[tuple[str, ...]] = []
    for previous, word in pairwise(words):
        if word in _FUTURE_AUX and len(previous) >= 3 and previous.endswith("t"):
            votes.append(tuple(lang for lang in ("hr", "bs") if lang in group))
        elif previous in _MODALS:
            if word == "da":
                votes.append(tuple(lang for lang in ("sr", "bs") if lang in group))
            elif len(word) > 3 and word.endswith(("ti", "ći")):
                votes.append(("hr",))
        elif previous in _MONTENEGRO[0] and word in _MONTENEGRO[1] and "sr" in group:
            votes.append(("sr",))
    return votes


_VOTES_CACHE = 50_000


def _cached_votes(word: str, group: frozenset[str], votes: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """:func:`_word_votes`, remembered in ``votes`` (the group's :func:`_votes_cache`)."""
    langs = votes.get(word)
    if langs is None:
        if len(votes) >= _VOTES_CACHE:  # a full cache is emptied: memory stays bounded
            votes.clear()
        langs = votes[word] = _word_votes(word, group)
    return langs


@cache
def _votes_cache(group: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """word -> the group members it votes for: news prose repeats its words, so each word's
    table lookup and pattern tests are done once per process."""
    return {}


def _word_votes(word: str, group: frozenset[str]) -> tuple[str, ...]:
    langs = list(_marker_table(group).get(word, ()))
    for lang, stems in _group_stems(group):
        if lang not in langs and stems.match(word):
            langs.append(lang)
    if "sr" in group and "sr" not in langs and is_ekavian(word):  # "obeležila": see detect_jat
        langs.append("sr")
    for owners, match, exclude in _group_patterns(group):
        if match.search(word) and not (exclude and exclude.search(word)):
            langs.extend(owners)
    return tuple(langs)


@cache
def _group_stems(group: frozenset[str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(member, one pattern matching a word that starts with any of its stems), for the members
    that have stems, in code order: a word met for the first time is tested with one match per
    member instead of a loop over hundreds of stems (the joined Slavic group has nine members)."""
    return tuple(
        (lang, re.compile("|".join(map(re.escape, _stems(lang)))))
        for lang in sorted(group)
        if _stems(lang)
    )


@cache
def _group_patterns(group: frozenset[str]) -> tuple[_PatternRule, ...]:
    """The word patterns with an owner in ``group``, owners narrowed to the group."""
    rules = []
    for owners, match, exclude in WORD_PATTERNS:
        members = tuple(lang for lang in owners if lang in group)
        if members:
            rules.append((members, match, exclude))
    return tuple(rules)


@cache
def _marker_table(group: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """word -> the group members it marks (a word shared by some members votes for each of them,
    which still separates them from the rest of the group)."""
    owners: dict[str, set[str]] = {}
    for lang in sorted(group):
        for word in MARKERS.get(lang, ()):
            owners.setdefault(word, set()).add(lang)
    for lang in sorted(group):
        if lang not in _FOLDED_GROUPS:
            continue
        for word in MARKERS.get(lang, ()):
            folded = fold(word)
            if folded != word and folded not in owners:
                owners.setdefault(folded, set()).add(lang)
    return {word: tuple(sorted(langs)) for word, langs in owners.items()}


@cache
def _stems(lang: str) -> tuple[str, ...]:
    """A language's marker stems, plus their ASCII-folded forms in groups typed without
    diacritics."""
    stems = MARKER_STEMS.get(lang, ())
    if lang in _FOLDED_GROUPS:
        stems += tuple(fold(stem) for stem in stems if fold(stem) != stem)
    return stems


def fold(word: str) -> str:
    """ASCII-fold a Latin word the way people type without diacritics (č -> c, đ -> dj)."""
    word = word.replace("đ", "dj").replace("ł", "l")
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _joined(groups: tuple[frozenset[str], ...]) -> tuple[frozenset[str], ...]:
    """Close groups that share a member, joined, in the order of their first group."""
    joined: list[set[str]] = []
    for group in groups:
        linked = [other for other in joined if other & group]
        if not linked:
            joined.append(set(group))
            continue
        for other in linked[1:]:
            linked[0] |= other
            joined.remove(other)
        linked[0] |= group
    return tuple(frozenset(members) for members in joined)


# The groups whose marker words are read together (see detect._add_marker_evidence): close groups
# that share a member are one, because Serbian links the Latin South Slavic group to the Cyrillic
# one and Russian links that to Ukrainian and Belarusian (a Serbian word the model puts first in
# Ukrainian still reads the Serbian markers); a text reaches only the members that write its
# script. Disjoint, so that probability moved inside one never touches another.
MARKER_GROUPS: tuple[frozenset[str], ...] = _joined(CLOSE_GROUPS)


def group_of(lang: str) -> frozenset[str]:
    """The union of the close groups a language belongs to (empty when none)."""
    members: set[str] = set()
    for group in CLOSE_GROUPS:
        if lang in group:
            members |= group
    return frozenset(members)
