import { describe, expect, it } from 'vitest';
import { classifyHeader } from './voter-columns';
import { readVoterLayouts } from './voter-layouts';

const COUNTY = ['Voter ID', 'Last Name', 'First Name', 'Middle Name', 'DOB', 'Res Address', 'Res City', 'Res Zip', 'Party', 'Precinct', 'Status', 'Reg Date'];

describe('classifyHeader', () => {
  it('takes a county export for voter data', () => {
    expect(classifyHeader(COUNTY).isVoterFile).toBe(true);
  });

  it.each([
    ['bare Last and First', 'Voter ID,Last,First,Middle,DOB,Res Address,Res City,Res Zip,Party,Precinct,Status,Reg Date'],
    ['a spelled-out registration number and date', 'Voter Registration Number,Last Name,First Name,Middle Name,Date of Birth,Residence Address,City,Zip,Precinct,Status,Date of Registration'],
    ['one name column, last name first', 'Voter ID,Name (Last, First),Address,City,Zip,DOB,Party,Precinct,Reg Date'],
  ])('takes a county export with %s for voter data', (_, header) => {
    expect(classifyHeader(header.split(/,(?![^(]*\))/)).isVoterFile).toBe(true);
  });

  it.each([
    ['election judges', 'Judge ID,Voter ID,Last Name,First Name,Party,Precinct,Address,City,Zip,Phone,Status,Judge Type'],
    ['election workers', 'VOTER_REG_NUM,LAST_NAME,FIRST_NAME,PARTY,HOME_PRECINCT,PHONE,EMAIL,EW_TYPE,CLASS_DATE,BIRTH_DATE'],
    ['candidate filings', 'Contest,Last Name,First Name,Ballot Name,Party,District,Address,City,Zip,Phone,Email,Date Filed,Status'],
    ['precinct committee members', 'Precinct,Party,Last Name,First Name,Address,City,Zip,Phone,Status,Term Ends'],
    ['party officials (no term column)', 'Precinct,Party,Last Name,First Name,Address,City,Zip,Phone,Status'],
    ['polling sites with contacts', 'PCT,SITE_NAME,ADDRESS,CITY,ZIP,WARD,DISTRICT,LAST_NAME,FIRST_NAME,STATUS,PARTY'],
    ['students', 'Student ID,Last Name,First Name,Middle Name,Birth Date,Gender,Grade,School,Address,City,Zip,Registration Date,Status'],
    ['event sign-ups', 'Registration ID,First Name,Last Name,Email,Address,City,Zip,Registration Date,Ticket Type'],
    ['vehicle registrations', 'Registration Number,Last Name,First Name,Address,City,Zip,Plate,Make,Model Year,Reg Date'],
    ['library patrons', 'Patron ID,Last Name,First Name,Birth Date,Address,City,Zip,Registration Date,Status,Branch'],
    ['donors', 'Contributor ID,Last Name,First Name,Address,City,State,Zip,Employer,Occupation,Amount,Contribution Date,Party,District,Status'],
  ])('does not take a list of %s for voter data', (_, header) => {
    expect(classifyHeader(header.split(',')).isVoterFile).toBe(false);
  });

  it('takes a county export with polling-place and supervisor-district columns for voter data', () => {
    expect(classifyHeader([...COUNTY, 'Polling Place', 'Polling Address']).isVoterFile).toBe(true);
    expect(classifyHeader([...COUNTY, 'Supervisor District']).isVoterFile).toBe(true);
  });

  it('never takes a column of a published layout for a sign of another kind of list', () => {
    for (const l of readVoterLayouts()) for (const c of l.columns) expect(classifyHeader([...COUNTY, c.name]).isVoterFile, `${l.state} ${c.name}`).toBe(true);
  });
});
