/**
 * Word lists for finding people's names in comments without a model (used by `redaction.ts`).
 *
 * Given names are drawn from the communities NHS patients and staff come from: English, Scottish,
 * Irish and Welsh; South Asian (Punjabi, Gujarati, Hindi, Tamil, Malayali, Pakistani,
 * Bangladeshi); Polish and other Central and Eastern European; Nigerian, Ghanaian, Somali and
 * other African; Caribbean; Arabic, Turkish, Persian and Kurdish; Filipino, Chinese and
 * Vietnamese; Southern European. Everything is lower case and kept as whitespace-separated text
 * so the file stays small and easy to extend; a name added here is found from then on.
 *
 * Four kinds of word are kept apart because they need different evidence:
 * - `GIVEN_NAMES`: a capitalised one is a name on its own ("Priya was lovely"); a lower-case one
 *   of four letters or more too ("thanks to priya").
 * - `LOWERCASE_WORD_NAMES`: names that are ordinary words in lower case ("jack", "sue", "holly"):
 *   capitalised they count on their own, in lower case only after a cue.
 * - `WORD_NAMES`: names that are also everyday words, months or places however they are written
 *   ("Will", "Hope", "Grace", "May", "Amber", "Lovely"): only after a cue such as a title,
 *   "my husband" or "called".
 * - `SURNAMES`: count only after a title ("Dr Patel", "dr smith") or a given name ("Jo Bennett").
 * `NOT_NAMES` lists capitalised words that comments use all the time and that must never be read
 * as the start or the continuation of a name ("Ward", "Nurse", "Amazing", "Thank", "Monday").
 */

function words(text: string): ReadonlySet<string> {
  return new Set(text.trim().split(/\s+/u));
}

/** Given names that are safe to take as a name with no other cue when capitalised. */
export const GIVEN_NAMES: ReadonlySet<string> = words(`
abbie abby abigail ada adele adrienne agnes aileen ailsa aimee alana alexa alexandra alexis alice
alicia alison alisha alissa allison alma alyssa amanda amelia amelie amy ana andrea angela angelina
angie anita ann anna annabel annabelle anne annette annie antonia anya arabella aria ariana arianna
audrey aurora ava avril barbara beatrice becky belinda bella bernadette beryl beth bethan bethany
betty beverley beverly bonnie brenda bridget brittany brooke caitlin callie camilla candice cara
carla carly carmen carol carole caroline carolyn carrie cassie catherine cathy cath celia cerys
charlene charlotte cheryl chloe chloé christina christine ciara cindy claire clara clare claudia
colette connie cora courtney darcey darcie darcy davina debbie debra deborah debs delia denise diana
diane dianne dolly dominique donna dora doreen doris dorothy edie edith edna eileen elaine eleanor
elena eliza elizabeth ella ellen ellie elodie eloise elsa elsie emilia emily emma emmeline erica erin
esme esther ethel eva evangeline evelyn evie faye felicity fiona flora florence frances francesca
freda freya gabriella gabrielle gail gemma georgina geraldine gillian gina gladys glenda gloria
gracie gwen gwendoline hannah harriet hattie hayley helen helena hilary hilda hollie holly ida imogen
irene isabel isabella isabelle isla isobel jackie jacqueline jacqui jane janet janice janine jasmine
jean jeanette jemima jemma jenna jennifer jenny jen jess jessica jill joan joanna joanne jodie jo
josephine josie joyce judith judy julia julie juliet kara karen kate katherine kathleen kathryn kathy
katie katy kay kayla kayleigh keira kelly kelsey kerry kiera kim kimberley kirsty kitty lacey lana
lara laura lauren layla leah leanne lesley leslie lexi lexie libby lilian lillian lilly lily linda
lindsay lindsey lisa liz lizzie lois lola lorna lorraine lottie louise lucia lucinda lucy luna lydia
lyla lynda lyndsey lynn lynne mabel maddison madeleine madison mae maggie maisie mandy margaret margo
margot maria marian marie marilyn marion marjorie marlene marnie martha mary matilda maureen maxine
megan meg mel melanie melissa mia michaela michelle mila mildred millie miranda miriam molly monica
muriel myra nadia nancy naomi natalie natasha nell nellie nicky nicola nicole nikki nina nora norma
olivia orla ottilie paige pamela patricia paula pauline peggy penelope penny phoebe phyllis pippa
polly poppy priscilla rachael rachel rebecca rebekah regina rhea rhian rhiannon rita roberta robyn
rosa rosalind rosemary rosie rowena ruby ruth sabrina sadie sally samantha sandra sara sarah scarlett
selina shannon sharon sheila shelley sheryl shirley sian siân sienna siobhan sofia sonia sophia sophie
stacey stacy stella steph stephanie susan susannah suzanne sylvia tamara tamsin tania tanya tara tash
teresa tess tessa thea theresa tia tilly tina toni tracey tracy trish trisha una ursula valerie val
vanessa vera veronica vicki vicky victoria vivien vivienne viv wendy winifred yvonne zara zoe zoë zoey
chrissie jools mags babs bernie lulu marje

aaron adam adrian aidan alan alastair albert albie alec alex alexander alf alfie alfred alistair allan
andrew andy angus anthony archie arlo arnold arthur ashley barry basil ben benjamin bernard bert billy
bobby brad bradley brendan brian bruce bryan callum calum calvin cameron carl charles charlie chris
christopher clifford clive colin connor conor craig curtis cyril damian damien dan daniel danny darren
darryl dave david declan dennis derek desmond dexter dom dominic donald doug douglas duncan dylan
eddie edgar edmund edward elliot elliott eric ethan eugene evan felix finley finn francis frankie
fred freddie frederick gareth gary gavin geoff geoffrey george gerald gerard gilbert glenn gordon
graeme graham greg gregory harold harrison harry harvey hector henry herbert howard hugh hugo ian
isaac jacob jake james jamie jason jasper jeff jeffrey jenson jeremy jerry jim jimmy joe joel joey
john johnny jon jonathan jordan joseph josh joshua jude julian justin karl keith ken kenneth kenny
kevin kev kieran kyle lawrence leo leon leonard lewis liam logan louis luca lucas malcolm marcus
martin mason matt matthew mick mickey mike mitchell neil nathan nathaniel ned neville nicholas nick
nigel noah noel norman oliver ollie oscar owen patrick paul percy pete peter phil philip phillip
ralph raymond reece reggie reginald reuben rhys richard rick ricky rob robbie robert rodney roger
roland ronald ronnie ron rory ross roy rufus rupert russell ryan sam samuel scott sean seb sebastian
seth shane shaun sid sidney silas simon spencer stanley steve steven stephen stefan stu stuart ted
teddy terence terry theo theodore thomas tim timothy tobias toby todd tom tommy tony trevor tristan
troy tyler vernon victor vince vincent wayne wesley william willie wilfred zac zach zachary
ellis harley kai ronan alfie bailey kenzie tyrese

aisling aoife aine áine bronagh caoimhe ciaran clodagh cormac dermot deirdre eamon eamonn eilidh eoin
fergal fergus fionn fionnuala grainne gráinne iona kirsteen kirstin mairead mairi morag niamh oisin
padraig paddy roisin róisín ruairi seamus shona sinead sinéad tadhg hamish iain ewan euan lachlan
murdo rhona alasdair gethin dafydd emyr glyn gwyn huw iwan owain rhodri aled alun carys eleri ffion
gwenllian lowri mair manon sioned tegan catriona kirsty mhairi ailbhe saoirse caelan

aarav aarti abhishek aditi aditya ajay ajit akash akhil amar amandeep amarjit amit amrit amrita anand
anil anisha anjali anju ankit ankita anoop anup anushka aravind archana arjun arun aruna ashok ashwin
avinash balbir baljit baljinder bhavna bharat chandra chetan deepa deepak deepika devendra dilip
dinesh divya gagan ganesh gaurav geeta gita gopal gurdeep gurmeet gurpreet harjit harpreet harinder
harish hema hitesh inderjit indira ishaan isha jagdish jaswinder jatinder jaya jyoti kabir kajal
kamala kamaljit kanta karan kavita kiran kishore krishna kuldeep kusum lakshmi lalita lata madhu
mahesh manish manisha manjit manoj meena meera mohan mohini monika mukesh nandini naresh navdeep
navjot neelam neeta neha nikhil nikita nilesh nirmala nisha nitin padma pallavi pankaj paramjit
parminder pooja poonam prakash pramod pranav prasad praveen preeti priti priya priyanka raja rajesh
rajinder rajiv rakesh ramesh ranjit rashmi ravi reena rekha renu reshma rohan rohit roshni ruchi
rupinder sachin sadhana sagar sakshi sandeep sangeeta sanjay sanjeev santosh sarita satish savita
seema shalini shanti sharmila sheetal shilpa shivani shobha shreya shweta simran sita smita sneha
sonal sudha sujata sukhdev sukhwinder sumit sunil sunita suresh sushil swati tanvi tarun usha
vandana varun vijay vikram vikas vinay vinod vipin virendra vishal yash yogesh hardeep jasbir
kulwant mandeep manpreet narinder parveen rajvinder sukhjit tejinder
anu bincy jincy jiji jijo jinu jobin jomon joby lijo liji linu neethu nimmy princy rincy sheeba
sheena sini siji sijo soumya tintu treesa binu biju jaimon shibu sibi ancy jisha nisha reshmi smitha
anbu arul gowri kannan karthik kumaran malar murali prabhu rajan ramya saravanan selvi senthil
sivakumar suganya tharshan vasanthi vijaya thushara niranjan
aamir abbas abdullah abid adeel adnan afzal ahmad ahmed aisha aishah akbar akram ali alia alina amaan
amina amjad amna anwar aqib arif arshad asad asif asim asma atif ayesha ayaan azhar aziz bashir bilal
bushra farah farhan farida faisal faiza farooq fatima fatma fawad fiza ghulam habib hafsa haider hamid
hamza hanif haris haroon hasan hassan hina huma humaira hussain ibrahim idris ifra iftikhar ikram
imran imtiaz iqbal irfan ishaq ismail iqra jamal jamila javed kamran kashif khadija khalid khalil
laila latif mahmood majid maryam mehwish mohammad mohammed mohamed muhammad mohsin mubarak mudassar
mumtaz munir musa mustafa nabila nadeem naeem nasir naveed nazia nazir noor nusrat omar osman qasim
rabia rafiq rahim rashid rehana rizwan rubina sabiha sadia safia saima sajid salma salman samina
samira sana sarfraz shabana shahid shahida shakeel shazia shehzad shoaib sidra sohail sumaira tahir
talha tanveer tariq tasneem umar usman uzma waqar waseem yasmin yasmeen yasir yousaf yusuf zahid
zahra zainab zubair zulfiqar abul anwara delwar fahima foysal habiba jahanara jahangir kulsum mizanur
monir nasrin rahela rokeya shahana shamim shirin sumon syeda tahmina taslima rukhsana shabnam

agata agnieszka aleksandra alicja beata bogdan bozena bożena czeslaw dagmara danuta dariusz dawid
dominik dorota edyta elzbieta elżbieta ewa ewelina grazyna grażyna grzegorz halina hanna irena iwona
jacek jadwiga jakub janina janusz jarek jaroslaw jarosław jerzy jolanta jozef józef justyna kamil
karolina kasia katarzyna krystyna krzysztof kuba lucja lukasz łukasz maciej magda magdalena
malgorzata małgorzata marek marcin mariusz marta marzena mateusz michal michał mikolaj mikołaj milena
natalia norbert ola oliwia patrycja paulina pawel paweł piotr przemek radek rafal rafał renata
ryszard slawomir sławomir stanislaw stanisław sylwia szymon tadeusz tomasz urszula wiktoria witold
wojciech zbigniew zofia zosia zuzanna basia gosia marysia bartek bartosz artur arkadiusz kinga
weronika wioletta aneta izabela kacper
alexandru andrei catalin cătălin cosmin cristina daniela dragos elena florin gabriela georgiana
ioana ion ionut iulia liliana lucian marius mihaela mihai mirela nicoleta ovidiu petru radu raluca
razvan roxana sorin valentin vasile viorel dimitar georgi ivan ivana iva petar stoyan svetlana
tatiana tatyana olga oksana olena natalya irina yulia yuri sergei sergey dmitri vladimir vlad
aleksandr alexei andriy taras mykola viktor viktoria galina ludmila lyudmila nadezhda vitalii
jonas tomas ruta rūta egle eglė giedre ausra aurimas mindaugas darius inga laima

ade adebayo adebola adekunle adeola adewale adeyemi ayo ayodele ayomide babatunde bisi bola bukola
damilola dayo demola femi folake folasade funke funmi funmilayo gbenga ife kayode kemi kunle lanre
modupe niyi olu oluwaseun oluwatobi olamide olumide olufemi olayinka seun segun shola sola tayo temi
temitope titi tobi tolu toyin tunde wale wunmi yemi yinka abiodun abimbola adaeze amaka chidi chika
chiamaka chidinma chinedu chinonso chinwe chioma chukwuemeka emeka ifeoma ifeanyi ikenna ijeoma
kelechi ngozi nkechi nnamdi obinna ogechi okechukwu uche uchenna ugochi nneka obi chibuzo somto ebuka
tochukwu aminu bello garba hauwa sani yakubu godwin emmanuel ebenezer gideon solomon samson felicia
dorcas eunice kwame kwaku kwabena kwesi kofi kojo yaw akua abena adjoa afua akosua efua yaa kwadwo
akwasi ekow fiifi serwaa abdi abdirahman abdullahi faadumo fartun hodan hamdi hawa hibo ifrah ilhan
khadra muna nimco ubah warsame zamzam deeqa sagal idil farhiya wanjiru wambui njeri kamau otieno
achieng akinyi atieno odhiambo tendai tatenda chipo farai rudo tafadzwa nyasha tsitsi tinashe
ruvimbo tapiwa kudzai vimbai thandiwe thabo sipho lindiwe nomvula zanele abebe almaz tigist yonas
dawit selam hiwot meron delroy winston leroy errol everton lloyd marcia claudette paulette hyacinth
jermaine tyrone marlon dwayne shanice shaniqua tanisha keisha kareem andre andré denzel

abdel adel amal amira amr anas ayman aya bashar dalia farid fadi ghada hadi hala hana hani hiba hind
hussein imad issa karim khaled layla leila lina mahmoud majed malak mariam marwan mazen mona mostafa
nabil nada nour rami rania rasha reem samer sami samir sawsan tarek tarik walid yara yasser youssef
zaid zeinab ziad ahmet ayse ayşe aysel burak cem elif emre esra fatih hakan hatice kemal mehmet
melek merve murat ozlem özlem selin serkan tuba zeynep arash azadeh babak bahar dariush farhad farzana
hossein kaveh laleh mahsa mehdi nasrin parisa pouya reza roya soraya nazanin karwan rebwar shwan

maricel maricar marites jocelyn jennylyn jomar rodel romeo arnel marvin rosalie analyn angelica
jovelyn mylene nenita erlinda lourdes rosario divina remedios marilou rhodora leonila teodora
wei ming hui xin ying ling jing xiao anh linh minh nguyet thanh tuan trang hoa hung quan
hiroshi yuki kenji akiko haruka

alejandro alvaro álvaro andres andrés antonio beatriz carlos diego fernando francisco gonzalo javier
jorge jose josé juan luis luisa manuel miguel pablo paco pedro rafael raquel rocio rocío sergio joao
joão goncalo gonçalo rui tiago catarina ines inês alessandro alessia chiara giorgio giovanni giulia
giuseppe lorenzo marco matteo paolo roberto salvatore valentina vincenzo dimitris giorgos kostas
nikos yiannis eleni katerina
abraham caleb elijah eli enoch ezra gabriel jonah levi micah moses simeon
michael riley louie ernest walter harper danielle bev lyn abel alvin amos ashton aubrey barnaby beau
bertie blake bobbie brett brody byron carter casey cecil cedric clarence clement clint cody conrad
cooper corey damon darrell donovan dorian duane dwight edwin elias elvis emmett emrys enzo ernie
fabian finlay fletcher floyd garry gerry gus harris hayden herbie horace hubert humphrey ike ira
irving isaiah ivor jacky jared jarvis jeremiah jesse josiah kane keiran kirk laurence lenny les
lester lionel lorcan lou lowell lyle mackenzie marcel marley marshall maurice maxwell melvin merlin
micheal milo monty morgan morris murray myles neal niall nico norris orlando orson otis otto ozzy
perry quentin quinn raphael reid rowland rudy russ rylan sammy saul sheldon shelby stevie stewart
travis ty vaughan vic vinnie wes wilf wilbur wyatt xavier zachariah zane
abi adriana agatha aggie ainsley alesha alexia allie althea amara anastasia angharad annabella
annalise annika antoinette ariel ashleigh astrid aurelia aysha beatrix becca benita bernice bertha
bessie bianca billie blanche bobbi brianna bronwen bryony caitlyn camille candace carmel cassandra
catalina cecilia cecily celeste celine chantelle charis charley charmaine chelsey cherie christa
clarissa clementine cleo corinne cynthia dani deanna delilah della demi desiree dionne dolores
dominika edwina effie eilish elisa elise elisabeth elle elspeth emer emmie enid estelle etta eugenie
fay fleur florrie francine frieda gaynor georgie geri gertrude glenys greta gwyneth heidi helga
henrietta hester hettie ilona imelda ingrid janette janis jayne jeanne jeannie jennie joelle
julianne justine kaitlyn karin karina kat katarina katrina keeley kendra kerri kerrie kirsten
kristen kristina kylie larissa laurel lavinia leanna leigh leona letitia lila lilah linzi liza lizzy
loretta louisa lucie lucille lynette lynsey maddie madge maisy marcella margery mariah marianne
marisa marissa marsha maud maude meghan mimi minnie mira moira mollie morwenna myrtle nadine nessa
noreen nuala odette olwen ophelia pam petra philippa queenie rae renee rochelle romy ros rosalyn
roseanne rosina roxanne sabina sasha selena serena shauna sheree simone sonya suki susie suzy sybil
tabitha talia tallulah tammy tasha thelma tiffany tilda tori tricia trudy verity vikki virginia
vivian wanda winnie yasmine yolanda yvette zena
nasreen jaspreet sukhjinder kuldip balwinder jasvinder kulvinder sukhvinder gurdip sarbjit jagjit
jagtar kirpal surinder davinder daljit hardip jaswant karamjit lakhvir mohinder palvinder rajbir
sarabjit satnam sukhbir amarpreet amanpreet gurjit harjinder jasleen navneet simranjit sukhpreet
alpa bhavesh chirag dharmesh dipak heena hemant jignesh jitendra kalpana ketan kirti komal kunal
mayur minal mitesh nayna nikesh nimesh paresh pratik rajni rupal sanjiv shailesh shital tushar vimal
yogita bhavini dhruv hetal jayesh kaushik mehul nirav parul pinal pritesh rina sejal tejal urvashi
abhay aishwarya akshay alok aman ananya anjana arvind ashish bhaskar deepti hari harsha jagdeep
kamlesh lalit mayank mukund namrata naveen neeraj nitya padmini pushpa radha rahul raju rani ranjana
ritu rohini sameer sandhya sanjana saroj shankar sharad shyam srinivas subhash sudhir suman sumitra
swapna trupti uday umesh vasant vidya vikrant vimala yamini amir abdul
aaliyah abdulrahman abubakar adil afsana ahsan aleena anisa anjum areeba arooj asghar ayub azeem
fahad faheem fahmida faizan farhana fawzia ghazala hafiz haleema hanifa hira humera inaya iram
jameela junaid kainat kamila kausar khurram kinza laiba mahnoor mahreen maheen mehreen munira
muzammil nabeel nafisa najma nargis nasima naseem nawaz nighat nilofar noman raheel raheem rasheed
rehan riaz rizwana rubab rumana ruqayyah saba sadaf safa saira sajida sakina salim samia sameena
sanam sarwar shafiq shahzad shaista shamsa shehnaz shumaila sobia suhail sumayyah tabassum tahira
tanzeela tasleem umair usama wajid waqas yasin zaheer zahida zakir zeeshan zohra zubaida
aklima fahim hasina jesmin jubair kamrul lutfur mahbub mamun masud mizan nazmul rahima rashida
rezaul rubel saiful shafiqul shahin shamima shipa shuhel sufia sultana tanvir
aleksander andrzej antoni boleslaw celina eryk franciszek genowefa henryk ignacy kazimierz klaudia
lena leszek lidia maja marianna mieczyslaw mirek miroslaw nikola oskar patryk roksana rozalia
seweryn stefania teodor waldemar wieslaw wiktor zenon zdzislaw zygmunt
adina alin anca andreea claudiu corina costel cristian denisa emil eugen florentina iuliana larisa
loredana madalina marian nicolae octavian silviu simona sorina tudor vasilica violeta borislav
desislava hristo kalina krasimir lyubomir nikolay plamen silviya stanislav todor tsvetelina yordan
zhivko algirdas dovile gediminas jurgita justina kestutis lukas saulius vilma vytautas zivile
anastasiia bohdan dmytro iryna kateryna maksym mariia nataliia oleksandr oleksii olha serhii
volodymyr yevhen yuliia
yetunde ama fadumo ayan abosede adenike adesola aduke akin akinwale bamidele banke bimbo busola dapo
deji dotun ebun enitan folarin gbemi ibukun idowu iyabo jide jumoke kehinde taiwo lekan mojisola
nkem oladele olaniyi olufunke olusegun omolara opeyemi remi ronke sade sikiru tade tope tosin wole
yewande chibueze chidera chimamanda chinyere chizoba ebere ezinne ifunanya ikechukwu nkiru nnenna
obiageli onyeka onyinye uchechi udoka ugonna afia ekua kobina nii naa ofori yaaba chiedza fadzai
kuda munyaradzi nyarai rutendo shamiso simbarashe tanaka tawanda faisa fowsia guled liban nasra
sahra sharmarke abdikarim abdiaziz aster berhane feven kidist mehari mulu semhar tesfaye winta
yemane abdalla elnour mohanad muawia omer
arlene cecille elmer emelita ernesto florencia herminia jenalyn jerome jonalyn leonora liezl lorena
maribel marivic marlyn merlie nelia perla precy rachelle ramil reynaldo ricardo roderick rodolfo
rogelio ronaldo ruel wilma
mei xiu jian qiang hao yong fang tao zhen zhi yun xia huong thao phuong ngoc duc khanh vy jiyeon
minji seojun jisoo yuna haruto ren sota yui akira kaito
alberto alfonso amalia angelo antonella carlo cristiano davide domenico elisa emanuele enrico fabio
federica federico filippo flavia francesco gianluca gianni giorgia ilaria leonardo luigi manuela
massimo mattia michela paola pietro riccardo rosaria silvia stefano tommaso vittoria eduardo felipe
fernanda guilherme joana leonor mariana nuno paulo ricardo rodrigo susana vitor christos georgios
ioannis konstantinos panagiotis vasilis andreas despina stavros
aylin cansu ebru emine gizem huseyin kader leyla nilufer serpil sevgi sibel songul umut volkan
yasemin zehra dilan hozan rojda rozhin ehsan golnaz hamed hoda mohsen navid neda nima omid payam
pegah sahar saeed shadi shahram siamak taraneh yasaman
aeron alys cadi cai dewi elin eluned gwilym hedd heledd hywel ieuan ioan llinos meinir nerys osian
rhydian seren siwan steffan tomos trefor cathal colm conall cian cillian darragh donal dympna enda
eimear fiachra fintan malachy maeve orlaith peadar greer lorne morven struan torquil
`);

/**
 * Names that are also everyday words, months, places or praise ("Will definitely recommend",
 * "May I say", "Lovely staff", "Christmas Eve", "an X Ray", "Amber" in a RAG rating, "Grace"):
 * a name only after a cue (title, kinship word, "called"), however they are written.
 */
export const WORD_NAMES: ReadonlySet<string> = words(`
will may hope grace faith rose sunny bill mark pat joy dawn amber april june august autumn summer
eve frank grant guy max miles ray reg rich hunter river sky storm rain angel star honey patience
charity mercy prudence blessing precious favour gift comfort peace goodluck innocent wisdom promise
happiness kindness goodness prince princess king queen christian lovely shiny jolly mini baby happy
lucky sweety pretty said can danish roman chelsea india georgia sydney paris devon lincoln kent
dallas austin brooklyn jan nan nana art destiny melody harmony crystal chase ginger
`);

/**
 * Names that are ordinary words only when written in lower case ("jack", "sue", "rob", "nick",
 * "holly", "lily", "terry towel", "ion"): a capitalised one is a name, a lower-case one needs a cue.
 */
export const LOWERCASE_WORD_NAMES: ReadonlySet<string> = words(`
jack sue don bob rob nick pete dot flo bea mae tam pip kit gene ash sage viola marina ruby brook
penny dolly bell belle norm stan sandy rusty buddy sonny bud carol holly robin jay hazel olive pearl
heather violet iris ivy jade daisy cherry lee dean glen dale lance cliff drew luke willow
rowan skye dev ram raj mo al ed di bo li hind yaw hung ken roger terry lily poppy rosemary jasmine
matt kitty teddy josh ion nada tuba romeo harry jasper bert toby billy earl fern coral eden
pierce hank chad dane sol rod wally patsy salah lan berk
`);

/** Surnames: taken only after a title or a given name, since so many are words ("Brown", "Hall"). */
export const SURNAMES: ReadonlySet<string> = words(`
smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson thompson wright
walker white edwards hughes green hall lewis harris clarke clark patel jackson wood turner martin
cooper hill ward morris moore lee king baker harrison morgan allen james scott phillips watson davis
parker price bennett young griffiths mitchell kelly cook carter richardson bailey collins bell shaw
murphy miller cox richards khan marshall anderson simpson ellis adams singh begum wilkinson foster
chapman powell webb rogers gray grey mason ali hussain campbell matthews owen palmer holmes mills
barnes knight lloyd butler russell barker fisher stevens jenkins murray dixon harvey graham pearson
ahmed fletcher walsh kaur gibson howard andrews stewart elliott reynolds saunders payne fox ford pearce
day brooks west lawrence cole atkinson bradley spencer gill dawson ball burton o'brien watts rose booth
perry ryan grant wells armstrong francis rees hayes hart hudson newman barrett webster hunt kennedy
carr lowe page stone hamilton dean hooper bates burns chambers holland lucas sutton moss fraser
doyle hussein mahmood akhtar iqbal rahman chowdhury miah uddin islam hossain choudhury sharma
kumar gupta verma mehta shah desai joshi parmar mistry chauhan solanki rana pandya nair menon pillai
thomas varghese george kurian mathew joseph abraham jacob chacko john raju reddy rao iyer krishnan
subramaniam sivakumar rajan naidu bhatt bhatia malhotra kapoor chopra sandhu sidhu gill dhillon
grewal bains johal sahota virdi atwal bassi kang hayer randhawa chahal nijjar mann aujla
nowak kowalski kowalska wisniewski wiśniewski wojcik wójcik kowalczyk kaminski kamińska lewandowski
lewandowska zielinski zielińska szymanski szymańska wozniak woźniak dabrowski dąbrowska kozlowski
jankowski mazur kwiatkowski krawczyk piotrowski grabowski pawlowski michalski nowicki adamczyk dudek
zajac zając wieczorek jablonski krol król majewski olszewski jaworski malinowski pawlak witkowski
walczak stepien stępień gorski górski rutkowski michalak sikora ostrowski baran duda szewczyk
tomaszewski pietrzak marciniak wroblewski zalewski jakubowski jasinski popescu ionescu popa
pop radu stan dumitru stoica gheorghe matei ciobanu ivanov petrov georgiev dimitrov kazlauskas
jankauskas petrauskas shevchenko kovalenko bondarenko
okafor okeke okonkwo eze nwosu obi okoro adeyemi adebayo ogunleye oyelaran olawale balogun bakare
afolabi akinola oladipo ogunbiyi adewale oyedele ibrahim abubakar mensah boateng asante owusu
osei agyeman appiah darko addo ansah amoah acheampong farah warsame abdi hassan omar osman yusuf
mohamed mohamud jama ali kariuki kamau mwangi otieno ochieng moyo ncube dube sibanda ndlovu
nguyen tran le pham huynh hoang vu vo dang bui do ho ngo duong ly chen wang zhang liu yang huang
zhao wu zhou xu sun ma zhu hu guo lin he gao luo zheng liang xie tang han cao deng feng chan wong
cheung leung lau ho yip tsang kwok reyes santos cruz bautista garcia mendoza ramos aquino dela
villanueva castillo flores gonzales lopez rodriguez martinez hernandez perez sanchez ramirez torres
rivera gomez diaz fernandez silva pereira costa oliveira rossi russo ferrari esposito romano colombo
ricci marino greco bruno gallo conti demir yilmaz kaya sahin celik yildiz aydin ozturk arslan dogan
kilic aslan cetin karimi hosseini rezaei ahmadi mohammadi
o'neill o'connor o'sullivan o'donnell o'reilly o'hara o'leary o'kane o'callaghan o'shea mcdonald
macdonald mcgregor macgregor mckenzie mackenzie mclean maclean mcintyre macintyre mccarthy mcgrath
mclaughlin mccann mckay mackay mcneill macneil mcallister mccormick mcdermott mcguire mcbride mcmahon
mckenna mcauley macleod mcleod macrae mcpherson macpherson maclachlan mcfarlane robertson reid
ross henderson paterson morrison duncan hunter johnston kerr cunningham wallace black allan mackie
sinclair fraser gordon burns forbes muir ritchie buchanan lindsay craig douglas hamilton bruce
ferguson boyle quinn kelly byrne ryan gallagher doherty brennan lynch walsh kavanagh donnelly
hughes maguire regan nolan flynn sweeney farrell dunne brady kearney connolly daly mcguinness
morgan jenkins rees powell pritchard parry vaughan griffith llewellyn bevan howells prosser
hopkins meredith lloyd probert gwynne
abbott ainsworth alexander archer arnold ashton austin bacon bailey barber barlow barton baxter
beck bell bentley bird bishop blackburn blake bolton bond bowen bowman boyd brady brennan briggs
brookes browne bryant buckley bull burgess burke bush butcher cameron carpenter carroll cartwright
chadwick charlton clayton clements coates cohen coleman conway cooke cousins crawford cross cullen
curtis dale dalton daniels davidson dawes dean dennis dickinson dobson dodd doyle duffy dunn dyer
eaton edmonds field finch fitzgerald fleming foley forster fowler francis freeman french frost fuller
gardner garner gibbs giles gilbert glover goddard godfrey goodwin gough goulding greenwood gregory
griffin hale hancock hanson hardy hargreaves harper hartley hawkins hayward heath hewitt higgins hobbs
hodgson holden holt hope horton houghton howe hubbard humphreys hurst hutchinson ingram jarvis jeffery
jennings johns jordan joyce kay keane kemp kent kirby knowles lamb lambert lane law lawson leach
little lord lucas lyons mann marsh marsden mathews maxwell may mellor metcalfe middleton miles
milner moody moran morley morton moss nash naylor nelson newton nicholls nicholson norman norris
north norton oliver osborne parkinson parsons pearce pennington perkins peters pickering pollard
poole potter preston pugh quinn randall rawlings read reeves rhodes rice riley robson rowe rowley
russell sanders sargent savage sharp sharpe shepherd sheppard short simmons skinner slater sloan
sparks steele stephens stephenson stokes storey summers swift talbot thornton todd townsend tucker
tyler vincent wade walters walton warner warren waters watkins watt weaver welch wheeler whitehead
whittaker wiggins wilcox wilde wiley wilkins wilkinson willis winter wong woodward woolley wyatt yates
nightingale seacole cavell
`);

/**
 * Capitalised words that comments use all the time and that never begin or continue a name:
 * titles, roles, places in a hospital, days, months, praise and the small words of English.
 * (Checked in lower case.)
 */
export const NOT_NAMES: ReadonlySet<string> = words(`
a an the and or but so if then than that this these those there here it its it's i i'm i've i'd
me my mine we us our you your he him his she her they them their who whom whose what which when
where why how all any some each every no not nor none nothing everything everyone everybody
someone somebody anyone nobody one two three four five six seven eight nine ten first second
third last next other another both few many much more most less least very really quite just
too also only even still again ever never always often sometimes soon now then today tonight
yesterday tomorrow is are was were be been being am do does did done doing have has had having
can could will would shall should may might must get got getting go going went gone come came
make made take took see saw seen say said tell told ask asked give gave need needed want wanted
feel felt know knew think thought look looked find found keep kept let put seem seemed try tried
of in on at to for from by with without about above below under over into onto through during
before after since until while because as like near off out up down per via within upon
yes yeah ok okay oh well please thanks thank thankyou cheers sorry hello hi dear regards love
best kind kindest warm warmest many much great good better best bad worse worst nice lovely
amazing brilliant excellent fantastic wonderful superb outstanding exceptional fab fabulous
awesome perfect marvellous marvelous incredible super top first class friendly helpful caring
kind polite professional efficient calm patient patients attentive supportive understanding
compassionate approachable reassuring informative knowledgeable thorough gentle considerate
welcoming cheerful happy pleased grateful thankful impressed satisfied disappointed unhappy poor
rude terrible awful horrible dreadful shocking appalling disgusting dirty clean tidy quick slow
long short late early busy quiet noisy cold hot warm safe unsafe fine overall generally
absolutely totally completely extremely highly truly genuinely definitely certainly honestly
nurse nurses nursing doctor doctors dr drs doc docs sister sisters matron matrons midwife midwives
consultant consultants surgeon surgeons registrar reg sho fy1 fy2 junior senior student students
staff team teams hca hcas porter porters physio physios physiotherapist physiotherapists
paramedic paramedics crew crews receptionist receptionists reception cleaner cleaners domestic
domestics housekeeper pharmacist pharmacists pharmacy radiographer radiographers radiology
sonographer phlebotomist anaesthetist anaesthetists surgeon chaplain volunteer volunteers
dietitian dietician therapist therapists ot ots salt practitioner practitioners specialist
specialists manager managers lead charge healthcare assistant assistants support worker workers
carer carers mr mrs ms miss mx prof professor sir madam
ward wards bay bays bed beds side room rooms unit units department dept clinic clinics theatre
theatres recovery hospital hospitals infirmary centre center surgery practice gp gps nhs trust
ae a&e ed er ane icu itu hdu ccu amu sau mau cdu ecu scbu nicu picu opd
covid corona coronavirus virus flu xray x-ray scan scans mri ct ecg blood bloods test tests
results operation op ops procedure appointment appointments discharge discharged admission
admitted waiting wait waited time times hour hours minute minutes day days week weeks month
months year years night nights morning afternoon evening weekend
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
christmas easter xmas new bank holiday holidays
food meals meal drink drinks tea coffee water parking car park
god lord jesus christ allah heaven
mum mom mam mummy mother dad daddy father husband wife son daughter partner friend brother
grandma grandad granddad grandpa grandmother grandfather gran granny nan nana nanna auntie
aunty aunt uncle cousin baby babies child children kids family relatives relative neighbour
english british scottish welsh irish polish indian pakistani chinese asian african european
uk england scotland wales ireland britain london
however although though unfortunately fortunately otherwise meanwhile therefore anyway basically
obviously apparently hopefully luckily sadly actually eventually finally initially afterwards
`);
