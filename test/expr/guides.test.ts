import { describe, expect, it } from 'vitest';
import { compileExpression, DoNotFlow } from '../../src/expr/index.js';
import { checkRow, context, evalFailure, type Row } from './helpers.js';

// Worked examples of the Workday (WDG) and SuccessFactors (SFG) expression guides. Both are
// AI-assisted and print many wrong outputs (entra-semantics.md §12.7); each row tests what the
// expression computes, with a note where the printed output differs.
const sam =
  'Replace(Mid(Replace(NormalizeDiacritics(StripSpaces(Join("", Mid([firstName],1,1), [lastName]))), , "([\\\\/\\\\\\\\\\\\[\\\\]\\\\:\\\\;\\\\|\\\\=\\\\,\\\\+\\\\*\\\\?\\\\<\\\\>])", , "", , ), 1, 20), , "(\\\\.)*$", , "", , )';
const isd = 'Switch(Replace([telephoneNumber], , "\\+(?<isdCode>49|44|43|1|352|91|31|32|55)(?<phoneNumber>.*)", , "${isdCode}", , ), , "43", "AUT", "1", "USA", "49", "GER", "91", "IND")';
const july30 = '2025-07-30T00:00:00Z';
const ouExpr = `IIF(
    IsPresent([extension_abc_GroupDN]),
    Replace(
        Mid(
            Mid(
                Replace([extension_abc_GroupDN], "\\,", , , "\\2C", , ),
                Instr(Replace([extension_abc_GroupDN], "\\,", , , "\\2C", , ), ",", , ),
                9999
            ),
            2,
            9999
        ),
        "\\2C", , , ",", ,
    ),
    "OU=Default,DC=contoso,DC=com"
)`;
const cnExpr = `IIF(
    IsPresent([extension_abc_GroupDN]),
    Replace(
        Replace(
            Replace(
                Word(Replace([extension_abc_GroupDN], "\\,", , , "\\2C", , ), 1, ","),
                "CN=", , , "", ,
            ),
            "cn=", , , "", ,
        ),
        "\\2C", , , ",", ,
    ),
    Append(Append(Left(Trim([displayName]), 51), "_"), Mid([objectId], 25, 12))
)`;

const rows: Record<string, Row[]> = {
  SFG: [
    { expr: 'Replace(Join("","00000000",[personIdExternal]), ,"(.*?)(?<id>.{0,8})$", ,"${id}", ,)', attrs: { personIdExternal: '12345' }, expected: '00012345' },
    { expr: 'Replace(Join("","0000000000",[costCenterId]), ,"(.*?)(?<id>.{0,10})$", ,"${id}", ,)', attrs: { costCenterId: '567' }, expected: '0000000567' },
    { expr: 'Append("05",Replace(Join("","000000",[employeeId]), ,"(.*?)(?<id>.{0,6})$", ,"${id}", ,))', attrs: { employeeId: '789' }, expected: '05000789' },
    { expr: 'Join("",Mid([lastName],1,1),ToLower(Mid([lastName],2,64)))', attrs: { lastName: 'JOHNSON' }, expected: 'Johnson' },
    {
      expr: 'Join(", ", Join("",Mid([lastName],1,1),ToLower(Mid([lastName],2,64))), Join("",Mid([firstName],1,1),ToLower(Mid([firstName],2,64))))',
      attrs: { lastName: 'SMITH', firstName: 'JOHN' },
      expected: 'Smith, John',
    },
    { expr: 'Replace([firstName]," ", , ,".", , )', attrs: { firstName: 'Mary Ann' }, expected: 'Mary.Ann' },
    {
      // Printed `sarah.wilson_ext@ltts.com`: nothing lower-cases (§12.7).
      expr: 'StripSpaces(NormalizeDiacritics(Switch([custom06], Join("", [firstName], ".", [lastName], "@ltts.com"), "Temporary", Join("", [firstName], ".", [lastName], "_ext@ltts.com"), "Permanent", Join("", [firstName], ".", [lastName], "@ltts.com"))))',
      attrs: { custom06: 'Temporary', firstName: 'Sarah', lastName: 'Wilson' },
      expected: 'Sarah.Wilson_ext@ltts.com',
    },
    { expr: 'IgnoreFlowIfNullOrEmpty(IIF(InStr([emailAddress],"@contoso.com")=0,"",[emailAddress]))', attrs: { emailAddress: 'john.doe@contoso.com' }, expected: 'john.doe@contoso.com' },
    { expr: 'IgnoreFlowIfNullOrEmpty(IIF(InStr([emailAddress],"@contoso.com")=0,"",[emailAddress]))', attrs: { emailAddress: 'john.doe@external.com' }, expected: DoNotFlow.attribute },
    { expr: 'Switch([emplStatus], "False", "741", "False", "749", "True", "746", "True")', attrs: { emplStatus: '746' }, expected: 'True' },
    {
      expr: 'IIF(DateDiff("d", CDate(IIF(IsPresent([startDate]), [startDate], DateAdd("d", "10", Now()))), Now()) >= -1, IIF(DateDiff("d", Now(), CDate(IIF(IsPresent([endDate]), [endDate], DateAdd("d", "1", Now())))) >= 0, "FALSE", "TRUE"), "TRUE")',
      attrs: { startDate: '2025-01-15', endDate: '2025-12-31' },
      now: july30,
      expected: 'FALSE',
    },
    {
      expr: 'IIF(DateDiff("d", CDate(IIF(IsPresent([startDate]), [startDate], DateAdd("d", "10", Now()))), Now()) >= -1, IIF(DateDiff("d", Now(), CDate(IIF(IsPresent([endDate]), [endDate], DateAdd("d", "1", Now())))) >= 0, "FALSE", "TRUE"), "TRUE")',
      attrs: { startDate: '2025-01-15', endDate: '2025-06-30' },
      now: july30,
      expected: 'TRUE',
    },
    {
      // Printed 133835135990000000, which decodes to another day (§12.7).
      expr: 'Switch([endDate], NumFromDate(Join("", FormatDateTime([endDate], "M/d/yyyy hh:mm:ss tt", "yyyy-MM-dd"), " 23:59:59-05:00")), "", "9223372036854775807")',
      attrs: { endDate: '12/31/2025 12:00:00 AM' },
      expected: 134117171990000000n,
    },
    {
      expr: 'Switch([endDate], NumFromDate(Join("", FormatDateTime([endDate], "M/d/yyyy hh:mm:ss tt", "yyyy-MM-dd"), " 23:59:59-05:00")), "", "9223372036854775807")',
      attrs: { endDate: '' },
      expected: '9223372036854775807',
    },
    {
      expr: 'Switch([employmentType], NumFromDate(Join("",FormatDateTime([endDate], ,"M/d/yyyy hh:mm:ss tt","yyyy-MM-dd")," 23:59:59-05:00")), "PM", NumFromDate(Join("",FormatDateTime(DateAdd("yyyy", 60, CDate([DOB])), ,"M/d/yyyy hh:mm:ss tt","yyyy-MM-dd")," 23:59:59-05:00")))',
      attrs: { employmentType: 'PM', DOB: '1/15/1990 12:00:00 AM' },
      expected: 141703955990000000n,
    },
    {
      expr: 'Switch([event], IIF(IsPresent([latestTerminationDate]), NumFromDate(Join("", FormatDateTime([latestTerminationDate], , "M/d/yyyy hh:mm:ss tt", "yyyy-MM-dd"), " 23:59:59-08:00")), "9223372036854775807"), "SEVUNSATP", NumFromDate(Join("", FormatDateTime([severanceStartDate], , "M/d/yyyy hh:mm:ss tt", "yyyy-MM-dd"), " 23:59:59-08:00")))',
      attrs: { event: 'REGULAR', latestTerminationDate: '9/30/2025 12:00:00 AM' },
      expected: 134037791990000000n,
    },
    {
      expr: 'Switch([endDate], NumFromDate(Join("", FormatDateTime([endDate], "M/d/yyyy hh:mm:ss tt", "yyyy-MM-dd"), "T23:59:59-04:00")), "12/31/9999 12:00:00 AM", NumFromDate("2099-12-31T23:59:59-04:00"))',
      attrs: { endDate: '12/31/9999 12:00:00 AM' },
      expected: 157469327990000000n,
    },
    {
      expr: 'Join("", Switch([emplStatus], "OU=SFProvisoinngUsers", "741", Switch([empJobNavCustomString13], "OU=SFProvisoinngUsers", "LOC1016", "OU=Mysore", "LOC1015", Switch([departmentId], "OU=Bangalore", "DU1026","OU=IT,OU=Bangalore"))), ",DC=contoso,DC=com")',
      attrs: { emplStatus: '741', empJobNavCustomString13: 'LOC1015', departmentId: 'DU1026' },
      expected: 'OU=IT,OU=Bangalore,DC=contoso,DC=com',
    },
    {
      expr: 'Join(", ", Join("", Mid([lastName], 1, 1), ToLower(Mid([lastName], 2, 64), )), Join("", Mid(Coalesce([preferredName], [firstName]), 1, 1), ToLower(Mid(Coalesce([preferredName], [firstName]), 2, 64), )))',
      attrs: { lastName: 'SMITH', preferredName: '', firstName: 'Robert' },
      expected: 'Smith',
      source: 'printed "Smith, Robert" needs Coalesce to skip "" (?9); Join skips the empty part',
    },
    {
      expr: 'Join(", ", Join("", Mid([lastName], 1, 1), ToLower(Mid([lastName], 2, 64), )), Join("", Mid(Coalesce([preferredName], [firstName]), 1, 1), ToLower(Mid(Coalesce([preferredName], [firstName]), 2, 64), )))',
      attrs: { lastName: 'SMITH', preferredName: '', firstName: 'Robert' },
      options: { coalesceSkipsEmpty: true },
      expected: 'Smith, Robert',
    },
    // Printed `jgarcialopez`: nothing lower-cases or removes the hyphen (§12.7).
    { expr: sam, attrs: { firstName: 'José', lastName: 'García-López' }, expected: 'JGarcia-Lopez' },
    { expr: sam, attrs: { firstName: 'A', lastName: 'B/c*d.' }, expected: 'ABcd' },
    {
      expr: 'Replace(Mid(Replace(Replace([username],,"(?<id>.*)@(?<domain>.*)",,"${id}",,), , "([\\\\/\\\\\\\\\\\\[\\\\]\\\\:\\\\;\\\\|\\\\=\\\\,\\\\+\\\\*\\\\?\\\\<\\\\>])", , "", , ), 1, 20), , "(\\\\.)*$", , "", , )',
      attrs: { username: 'john.smith@external.com' },
      expected: 'john.smith',
      source: 'printed "johnsmith"; the dot is not in the removal class',
    },
    {
      expr: 'Split(Join(",", Append("smtp:", Join("@", NormalizeDiacritics(StripSpaces(Join("", "A", [personIdExternal]))), "contoso.mail.onmicrosoft.com")), Append("SMTP:", Join("@", Join(".", StripSpaces([firstName]), StripSpaces([lastName])), "contoso.com"))), ",")',
      attrs: { personIdExternal: '12345', firstName: 'John', lastName: 'Smith' },
      expected: ['smtp:A12345@contoso.mail.onmicrosoft.com', 'SMTP:John.Smith@contoso.com'],
    },
    { expr: 'Replace(Replace([mobile], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>.*)", , "${phoneNumber}", , ), ,"[()\\\\s-]+", ,"", , )', attrs: { mobile: '+1 (555) 123-4567' }, expected: '5551234567' },
    { expr: 'Replace(Replace([mobile], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>.*)", , "${isdCode}", , ), ,"[()\\\\s-]+", ,"", , )', attrs: { mobile: '+44 20 7946 0958' }, expected: '44' },
    {
      expr: 'Switch(Join("+",Switch([businessPhoneIsPrimary],[businessPhoneIsPrimary],"","other"),Switch([cellPhoneIsPrimary],[cellPhoneIsPrimary],"","other")), "no primary phone", "true+false", "business phone is primary", "other+true", "cell phone is primary")',
      attrs: { businessPhoneIsPrimary: '', cellPhoneIsPrimary: 'true' },
      expected: 'cell phone is primary',
    },
    { expr: 'Switch([country], , "Trinidad and Tobago", "TT", "Barbados", "BB")', attrs: { country: 'Trinidad and Tobago' }, expected: 'TT' },
    { expr: 'Switch([isContingentWorker], "N/A", "True", "Contractor", "False", "Employee")', attrs: { isContingentWorker: 'True' }, expected: 'Contractor' },
  ],
  WDG: [
    { expr: 'Replace([PrimaryWorkTelephone], , "[()\\\\s-]+", , "", , )', attrs: { PrimaryWorkTelephone: '+1 (555) 123-4567' }, expected: '+15551234567' },
    { expr: 'Replace([PreferredNameData], , "(?<firstName>[a-zA-Z]+ )(?<lastName>[a-zA-Z]+)", ,"${lastName}", ,)', attrs: { PreferredNameData: 'John Smith' }, expected: 'Smith' },
    { expr: 'Replace([WorkerID], , "(?<leadingZeros>^0+)(?<actualValue>[a-zA-Z0-9]+)", , "${actualValue}", ,)', attrs: { WorkerID: '00012345' }, expected: '12345' },
    {
      expr: 'Join(" ",Replace([HereditarySuffix], ,"(?<CountryISOCode>.*)_(?<suffix1>.*)_(?<suffix2>.*)[0-9]", ,"${suffix1} ${suffix2}", , ),[PreferredLastName])',
      attrs: { HereditarySuffix: 'NLD_Van_der3', PreferredLastName: 'Hof' },
      expected: 'Van der Hof',
    },
    { expr: 'Replace(PCase("st john\'s hospital"),"\'S", , ,"\'s", , )', expected: "St John's Hospital" },
    { expr: 'ToLower(NormalizeDiacritics(StripSpaces(Join(".", [PreferredFirstName], [PreferredLastName]))))', attrs: { PreferredFirstName: 'José', PreferredLastName: 'García-López' }, expected: 'jose.garcia-lopez' },
    {
      expr: 'Join("@", NormalizeDiacritics(StripSpaces(Join(".", [PreferredFirstName], [PreferredLastName]))), "contoso.com")',
      attrs: { PreferredFirstName: 'María', PreferredLastName: 'José González' },
      expected: 'Maria.JoseGonzalez@contoso.com',
      source: 'printed lower-case (§12.7)',
    },
    {
      expr: 'Join("@", Replace(NormalizeDiacritics(StripSpaces(Join(".", [PreferredFirstName], [PreferredLastName]))), , "[\\"\',]+", , "", , ), "contoso.com")',
      attrs: { PreferredFirstName: 'Mary-Ann', PreferredLastName: "O'Connor" },
      expected: 'Mary-Ann.OConnor@contoso.com',
      source: 'printed "maryann.oconnor@…": hyphens survive the removal class (§12.7)',
    },
    { expr: isd, attrs: { telephoneNumber: '+493012345678' }, expected: 'GER', source: 'a lone \\+ reaches the regex unchanged (?6)' },
    { expr: isd, attrs: { telephoneNumber: '+919876543210' }, expected: 'IND' },
    { expr: isd, attrs: { telephoneNumber: '+15551234567' }, expected: 'USA' },
    { expr: 'Replace(Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>.* )[x](?<extension>.*)", , "${phoneNumber}", , ), ,"[()\\\\s-]+", ,"", , )', attrs: { telephoneNumber: '+1 (206) 291-8163 x8125' }, expected: '2062918163' },
    { expr: 'Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>.* )[x](?<extension>.*)", , "${extension}", , )', attrs: { telephoneNumber: '+1 (206) 291-8163 x8125' }, expected: '8125' },
    {
      // Printed True: the IIF returns "False" when the hire date is ahead (§12.7: inverse).
      expr: 'Switch([Active], , "1", IIF([StatusRehire]=1, IIF(DateDiff("d", Now(), CDate([StatusHireDate])) >= 0, "False", "True"), "False"), "0", "True")',
      attrs: { Active: '1', StatusRehire: '1', StatusHireDate: '2025-08-15' },
      now: july30,
      expected: 'False',
    },
    { expr: 'Switch([Active], , "1", IIF(DateDiff("d", Now(), CDate([StatusHireDate])) <= 14, "False", "True"), "0", "True")', attrs: { Active: '1', StatusHireDate: '2025-08-10' }, now: july30, expected: 'False' },
    { expr: 'Switch([Active], , "1", IIF(DateDiff("d", Now(), CDate([StatusHireDate])) <= 14, "False", "True"), "0", "True")', attrs: { Active: '1', StatusHireDate: '2025-09-15' }, now: july30, expected: 'True' },
    {
      expr: 'Switch([StatusTerminated], "False", "1", "True", "0", Switch([StatusHireRescinded], "False", "1", "True", "0", Switch([Active], "False", "1", IIF(DateDiff("d", Now(), CDate(IIF(IsNullOrEmpty([StatusHireDate]), "9999-01-01", [StatusHireDate]))) < 7, "False", "True"), "0", "True")))',
      attrs: { StatusTerminated: '0', StatusHireRescinded: '0', Active: '1', StatusHireDate: '2025-08-05' },
      now: july30,
      expected: 'False',
    },
    {
      expr: 'Switch([StatusTerminated], "False", "1", "True", "0", Switch([StatusHireRescinded], "False", "1", "True", "0", Switch([Active], "False", "1", IIF(DateDiff("d", Now(), CDate(IIF(IsNullOrEmpty([StatusHireDate]), "9999-01-01", [StatusHireDate]))) < 7, "False", "True"), "0", "True")))',
      attrs: { StatusTerminated: '0', StatusHireRescinded: '0', Active: '1' },
      now: july30,
      expected: 'True',
      source: 'the 9999-01-01 sentinel parses',
    },
    {
      expr: 'NumFromDate(Join("", FormatDateTime([ContractEndDate], ,"yyyy-MM-ddzzz", "yyyy-MM-dd"), "T23:59:59-08:00"))',
      attrs: { ContractEndDate: '2025-12-31-08:00' },
      expected: 134117279990000000n,
      source: 'the guide names another attribute and prints a wrong number (§12.7)',
    },
    {
      // Printed Engineering: the IIF flows the department only once the hire date is ahead (§12.7).
      expr: 'IIF(DateDiff("d", Now(), CDate([StatusHireDate])) >= 0, [Department], IgnoreAttributeFlow)',
      attrs: { StatusHireDate: '2025-07-15', Department: 'Engineering' },
      now: july30,
      expected: DoNotFlow.attribute,
    },
    { expr: 'IIF(DateDiff("d", Now(), CDate([StatusHireDate])) <= 14, "False", IgnoreObjectFlow)', attrs: { StatusHireDate: '2025-09-15' }, now: july30, expected: DoNotFlow.object },
    { expr: 'IIF(DateDiff("d", Now(), CDate([StatusHireDate])) <= 14, "False", IgnoreObjectFlow)', attrs: { StatusHireDate: '2025-08-10' }, now: july30, expected: 'False' },
    {
      // Printed `OU=Users,…`: UK is one of the keys (§12.7).
      expr: 'Join("", Switch([SupervisoryOrganization],"", "Engineering", "OU=Engineering,"), Switch([CostCenter],"", "Modern Workplace","OU=Modern Workplace,"), Switch([CountryReferenceTwoLetter],"", "US","OU=USA,", "UK","OU=UK,"), "OU=Users,DC=contoso,DC=com")',
      attrs: { SupervisoryOrganization: 'Sales', CostCenter: 'Marketing', CountryReferenceTwoLetter: 'UK' },
      expected: 'OU=UK,OU=Users,DC=contoso,DC=com',
    },
    {
      expr: 'IIF(DateDiff("d", Now(),CDate(Switch([StatusTerminationLastDayOfWork],[StatusTerminationLastDayOfWork], "","9999-12-31"))) <= 0, "OU=Leavers,OU=Users,DC=contoso,DC=com", Switch([City], "OU=Default,OU=Users,DC=contoso,DC=com", "Dallas", "OU=Dallas,OU=Users,DC=contoso,DC=com"))',
      attrs: { StatusTerminationLastDayOfWork: '2025-07-25', City: 'Seattle' },
      now: july30,
      expected: 'OU=Leavers,OU=Users,DC=contoso,DC=com',
    },
    { expr: 'Join("", [PreferredLastName], ",", [PreferredFirstName], " ", Mid([PreferredMiddleName],1,1), "-", [WorkerID])', attrs: { PreferredLastName: 'Johnson', PreferredFirstName: 'Sarah', PreferredMiddleName: 'Elizabeth', WorkerID: '12345' }, expected: 'Johnson,Sarah E-12345' },
    { expr: 'Split(Join(",","a8cccada-a108-47ae-bf9a-f130499aa4cb","{26491cfc-9e50-4857-861b-0cb8df22b5d7}"), ",")', expected: ['a8cccada-a108-47ae-bf9a-f130499aa4cb', '{26491cfc-9e50-4857-861b-0cb8df22b5d7}'] },
    { expr: 'IgnoreFlowIfNullOrEmpty(IIF(DateDiff("d", Now(), CDate([employeeHireDate])) > 0, "", [userPrincipalName]))', attrs: { employeeHireDate: '2025-08-15', userPrincipalName: 'future@contoso.com' }, now: july30, expected: DoNotFlow.attribute },
    { expr: 'IIF(DateDiff("d", Now(), CDate([StatusHireDate])) >= 0, "TRUE", "FALSE")', attrs: { StatusHireDate: '2025-07-31' }, now: '2025-08-01T00:00:00Z', expected: 'FALSE' },
  ],
  // how-to-configure-entra-to-active-directory.md (Cloud Sync, same expression engine): default
  // mappings and the OU/CN preservation samples, which are multi-line and use Trim and Instr.
  'Entra to AD': [
    { expr: 'Append(Append(Left(Trim([displayName]), 51), "_"), Mid([objectId], 25, 12))', attrs: { displayName: ' Marketing ', objectId: '39d5b4a2-1c3e-4b6f-9a2e-0c1d2e3f4a5b' }, expected: 'Marketing_0c1d2e3f4a5b' },
    { expr: 'Left(Trim([description]),448)', attrs: { description: '  Sales team\n' }, expected: 'Sales team' },
    { expr: 'IgnoreFlowIfNullOrEmpty(Trim([country]))', attrs: { country: '   ' }, expected: DoNotFlow.attribute },
    { expr: 'Left(Item(Split([userPrincipalName], "@"), 1), 15)', attrs: { userPrincipalName: 'averyveryverylongname@contoso.com' }, expected: 'averyveryverylo' },
    { expr: ouExpr, attrs: { extension_abc_GroupDN: 'CN=Sales\\, EMEA,OU=Groups,DC=contoso,DC=com' }, expected: 'OU=Groups,DC=contoso,DC=com' },
    { expr: ouExpr, attrs: {}, expected: 'OU=Default,DC=contoso,DC=com' },
    { expr: cnExpr, attrs: { extension_abc_GroupDN: 'CN=Sales\\, EMEA,OU=Groups,DC=contoso,DC=com' }, expected: 'Sales, EMEA' },
    { expr: cnExpr, attrs: { displayName: 'Finance ', objectId: '39d5b4a2-1c3e-4b6f-9a2e-0c1d2e3f4a5b' }, expected: 'Finance_0c1d2e3f4a5b' },
    // how-to-preserve-group-organizational-unit: the fallback CN writes [DisplayName] and [ObjectId];
    // only directory-extension names are case-sensitive (§11).
    {
      expr: 'IIF(IsNullOrEmpty([extension_abc_GroupDN]), Append(Append(Left(Trim([DisplayName]), 51), "_"), Mid([ObjectId], 25, 12)), "kept")',
      attrs: { displayName: 'Finance', objectId: '39d5b4a2-1c3e-4b6f-9a2e-0c1d2e3f4a5b', extension_abc_groupdn: 'CN=x' },
      expected: 'Finance_0c1d2e3f4a5b',
    },
    {
      expr: 'IIF(IsNullOrEmpty([onPremisesDistinguishedName]), "OU=Cloud_Users,DC=contoso,DC=com", Replace([onPremisesDistinguishedName], , "^.*?,(?=(?:CN|OU|DC)=)", , "", , ))',
      attrs: { onPremisesDistinguishedName: 'CN=Bob\\, Smith,OU=Users,DC=contoso,DC=com' },
      expected: 'OU=Users,DC=contoso,DC=com',
    },
  ],
  // provision-user-with-expression-builder.md
  'Expression Builder': [
    { expr: 'Append(Mid([displayName], 1, 15), Mid([objectId], 1, 8))', attrs: { displayName: 'Aman Gupta Kumar Singh', objectId: '39d5b4a2-1c3e-4b6f-9a2e-0c1d2e3f4a5b' }, expected: 'Aman Gupta Kuma39d5b4a2' },
    {
      expr: 'IIF([userPrincipalName] = "Aman.Gupta@xpl57.onmicrosoft.com", Append(Mid([objectId], 1, 2), [userPrincipalName]), IIF( [userPrincipalName] = "Aarti@xpl57.onmicrosoft.com", Append(Mid([objectId], 1, 2), [userPrincipalName]), IIF([userPrincipalName] = "AdeleV@xpl57.onmicrosoft.com", Append(Mid([objectId], 1, 2), [userPrincipalName]), [userPrincipalName] ) ) )',
      attrs: { userPrincipalName: 'Aman.Gupta@xpl57.onmicrosoft.com', objectId: '39d5b4a2-1c3e-4b6f-9a2e-0c1d2e3f4a5b' },
      expected: '39Aman.Gupta@xpl57.onmicrosoft.com',
    },
  ],
  'other pages': [
    { expr: 'Join("", [title], "(", [JobCode], ")")', attrs: { title: 'Tour Lead', JobCode: 'TL' }, expected: 'Tour Lead(TL)', source: 'API: printed "Tour Lead (TL)" needs a space the expression lacks (§12.8)' },
    { expr: 'Switch([x],[x],"","N/A")', attrs: {}, expected: 'N/A', source: 'HR: the null-or-empty idiom' },
  ],
};

describe.each(Object.entries(rows))('%s', (_name, table) => {
  it.each(table)('$expr → $expected', checkRow);
});

describe('guide examples that cannot run as printed', () => {
  it('WDG accountExpires: "2025-12-31" cannot parse with yyyy-MM-ddzzz', () => {
    expect(evalFailure('NumFromDate(Join("", FormatDateTime([ContractEndDate], ,"yyyy-MM-ddzzz", "yyyy-MM-dd"), "T23:59:59-08:00"))', { ContractEndDate: '2025-12-31' })).toMatchObject({
      code: 'EXPR_EVAL_INVALID_DATE',
      functionName: 'FormatDateTime',
    });
  });

  it('WDG five-year expiry: a DateTime renders as M/d/yyyy h:mm:ss tt, which yyyy-MM-dd cannot parse (default)', () => {
    expect(evalFailure('NumFromDate(Join("",FormatDateTime(DateAdd("yyyy", 5, CDate([StatusHireDate])), , "yyyy-MM-dd", "yyyy-MM-dd")," 23:59:59-05:00"))', { StatusHireDate: '2025-01-15' })).toMatchObject({
      code: 'EXPR_EVAL_INVALID_DATE',
      functionName: 'FormatDateTime',
    });
  });

  it('WDG random IDs: SelectUniqueValue rules draw fresh GUIDs', () => {
    const compiled = compileExpression('SelectUniqueValue(Replace(Mid(ConvertToBase64(Guid()), 1, 5 ), ,"[0-9]", ,"A", , ), Replace(Mid(ConvertToBase64(Guid()), 1, 5 ), ,"[0-9]", ,"B", , ))');
    const [first, second] = compiled.uniqueValueCandidates({}, context())!;
    expect(first).toMatch(/^[A-Za-z+/=]{5}$/);
    expect(second).not.toBe(first);
  });
});
