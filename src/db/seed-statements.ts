// Personal statements and choice motivations for the demo applications: eight templates, each
// filled in with the student's course, first-choice post and a piece of their own experience, so
// that no two statements read the same. Fictional people, plausible words.

export interface StatementFacts {
  // the subject, e.g. "Development Studies"
  course: string;
  // the post ranked first, or '' for a draft without choices
  post: string;
  city: string;
  // e.g. "volunteering as a caseworker at the Riverside Refugee Welcome Centre"
  experience: string;
  // e.g. "French", or '' when the student speaks no language beyond English and their own
  language: string;
}

const templates: ((f: StatementFacts) => string)[] = [
  (f) => `I first became interested in migration while ${f.experience}. Many of the people I met had crossed several borders before they reached us, and each of them had been failed, at some point, by a system that did not have the right information about them. That experience is the reason I chose to study ${f.course}, and it is the reason I am applying ${f.post ? `for the ${f.post} post in ${f.city}` : 'to this programme'}.

My course has given me the tools to look at migration beyond individual stories: I have studied how policy is made, how data is collected and where it goes missing, and how international organisations work with governments that have very different priorities. I want to see that work from the inside, and to learn how a large field office turns policy into programmes that people can actually use.

I am organised and calm under pressure. I am used to working with people whose first language is not English${f.language ? `, and my ${f.language} helps me listen rather than only speak` : ''}. I know an internship like this is mostly careful, unglamorous work: notes, trackers, reports and checking figures. I am glad to do it, because that is where I will learn the most.

After the placement I would like to continue into a career in humanitarian or development work, and I would bring back what I learn to my department and to the student society I help run.`,

  (f) => `Why ${f.post ? `the ${f.post} post` : 'this programme'}? Because I want to understand what happens between a policy document and a person's life, and I think that gap is where most of the difficult work in migration is done.

I am studying ${f.course}. Last year I wrote an essay on the Global Compact for Safe, Orderly and Regular Migration and was struck by how much of it depends on cooperation that nobody can enforce. Since then I have tried to balance the reading with practical experience, most recently ${f.experience}.

That role taught me three things. First, good records matter: a missing date or a misspelt name can cost someone weeks. Second, people trust organisations that explain what they are doing and why. Third, I work best in a small team where everyone knows what the others are doing.

${f.city ? `I have never lived in ${f.city}, and I know that adapting to a new office, a new city and a new way of working will take effort. ` : ''}I am prepared for that, and I have talked to students who took part in the first cohort about what to expect. ${f.language ? `My ${f.language} is not perfect, but I use it every week and I will keep improving it during the placement.` : 'I am also starting evening classes in a new language to prepare.'}

I hope to bring curiosity, reliability and a sense of humour, and to leave with a much clearer idea of where I can be useful.`,

  (f) => `My family moved twice before I was twelve, and I remember what it was like to arrive somewhere new without knowing who to ask for help. That memory has shaped what I study and what I want to do next.

On my ${f.course} course I have focused on displacement, protection and the role of international organisations. I have enjoyed the theory, but I have learnt most from ${f.experience}, where I saw how much difference clear information and a patient conversation can make.

${f.post ? `The ${f.post} post appeals to me because it combines research with practical support to colleagues in the field. I am especially interested in how the office in ${f.city} works with local partners and communities, and in how it measures whether its projects have helped.` : 'I am still deciding which post suits me best, and I am reading the descriptions carefully before I rank them.'}

I would bring strong writing skills, experience of working with confidential information, and the habit of asking questions when something is unclear. ${f.language ? `I also speak ${f.language}, which I hope will help with colleagues and partners.` : ''}

I understand that the placement is demanding and far from home. I have discussed it with my personal tutor and my family, and I am ready to commit to the full period.`,

  (f) => `I am applying because I want to spend my career working on migration, and I want to start by learning from people who do it every day.

My degree in ${f.course} has taught me to read evidence critically and to write clearly for people who are short of time. I have used those skills outside my studies, most recently ${f.experience}. I wrote short briefings, kept a shared tracker up to date and helped prepare a report for funders, all of which are tasks the ${f.post || 'internship'} description mentions.

What I enjoyed most was seeing a small piece of work used: a summary I wrote was read out at a meeting with the local council and led to a change in how the service advertised its drop-in sessions. I would like to contribute in the same way${f.city ? ` in ${f.city}` : ''}, even if my part is small.

I am aware of my limits. I have not worked in a humanitarian setting before, and I expect to make mistakes. I am good at learning from them, and I ask for feedback. ${f.language ? `I speak ${f.language}, and I am keen to use it at work.` : 'I am keen to learn some of the local language before I travel.'}

In the long term I hope to work in policy or programme management for an international organisation or a non-governmental organisation.`,

  (f) => `Data rarely tells the whole story of migration, but without it the story is easily ignored. That belief is what drew me to ${f.course} and to this programme.

During my studies I have learnt statistics, survey methods and how to present results honestly to non-specialists. I have also learnt that numbers about people need care: who collected them, who was left out, and who will be affected by how they are used. ${f.experience.charAt(0).toUpperCase()}${f.experience.slice(1)} gave me my first chance to practise this outside a classroom.

${f.post ? `I am applying for the ${f.post} post in ${f.city} because it would let me work alongside colleagues who use evidence to decide where help goes. I would like to learn how field data is checked and shared, and how reports are written for donors and governments.` : 'I would like a post that lets me work with evidence alongside colleagues who use it to decide where help goes.'}

I am patient with messy spreadsheets, careful with deadlines and comfortable explaining technical points in plain language. ${f.language ? `I also speak ${f.language}.` : ''} I work well in teams and I am used to collaborating remotely across time zones.

I see this internship as the start of a career that connects research and practice, and I would bring what I learn back into my final year.`,

  (f) => `Over the last two years I have become convinced that the way we talk about migrants shapes the way we treat them. I want to work where that conversation is led with accuracy and respect.

As a student of ${f.course}, I have written about media coverage of small-boat crossings and about how governments frame labour migration. Outside my studies I have been ${f.experience}, which taught me how to listen, how to keep a promise and how to say no politely when something is beyond what I can do.

${f.post ? `The ${f.post} post stands out to me because it sits close to the people the office serves. I would value the chance to learn how the team in ${f.city} plans its work, how it keeps communities informed, and how it measures what has changed.` : 'I am drawn to posts that sit close to the people the programme serves.'}

I am a confident writer and an organised colleague. ${f.language ? `I speak ${f.language} and would use it wherever it helps.` : 'I am ready to learn basic phrases of the local language before I arrive.'} I am comfortable with uncertainty and I adapt quickly to new routines.

I hope to return from the placement with practical skills, a better understanding of the region and a clearer sense of which part of this field I want to work in.`,

  (f) => `The most useful thing I have done at university was not in a lecture theatre. It was ${f.experience}. I learnt that good intentions are not enough: what helps people is reliable information, well-run processes and staff who have time to listen.

That is why ${f.post ? `the ${f.post} post in ${f.city}` : 'this programme'} interests me. I want to see how an international organisation plans, delivers and checks its work, and to contribute to it in a practical way.

My course, ${f.course}, has prepared me to read policy critically and to work with evidence. I have written reports under tight deadlines, presented to groups of different sizes and worked in teams with students from many countries. ${f.language ? `I speak ${f.language}, which has helped me make friends and work with people from outside the UK.` : ''}

I also know what I still need to learn: how to work inside a large organisation, how to manage competing requests and how to keep going when progress is slow. I am looking for a placement where I can learn these things with good supervision, and I would take the responsibility seriously.

When I finish my degree I would like to work for an organisation that supports people on the move, in the field or at headquarters.`,

  (f) => `I am a ${f.course} student with a long-standing interest in human mobility and climate change, and I am applying to gain experience that I cannot get in the UK.

My interest began at school, when I researched how seasonal flooding pushes families in coastal regions to move to cities. At university I have studied the policy side: how displacement is counted, who is responsible for people who move within their own country, and how international agencies coordinate. Alongside my studies I have been ${f.experience}, which showed me the daily reality behind those debates.

${f.post ? `I am particularly interested in the ${f.post} post because it would let me support a team in ${f.city} that works directly with affected communities. I would like to understand how projects are monitored, how lessons are shared between offices and how the voices of migrants are included in planning.` : 'I am reading the posts carefully and would like one that works directly with affected communities.'}

${f.language ? `I speak ${f.language}, ` : 'I '}am used to living independently and I have travelled on a tight budget, so I am realistic about the practical side of a long placement.

I would bring energy, care and good organisation, and I would share what I learn with other students considering this path.`,
];

export const STATEMENT_TEMPLATES = templates.length;

export function personalStatement(template: number, facts: StatementFacts): string {
  const fill = templates[template % templates.length] as (f: StatementFacts) => string;
  return fill(facts)
    .split('\n\n')
    .map((p) => p.replace(/ {2,}/g, ' ').trim())
    .filter((p) => p !== '')
    .join('\n\n');
}

const motivations: ((post: string, city: string) => string)[] = [
  (post, city) => `I would like to support the team in ${city} and learn how the ${post.toLowerCase()} role links research to programmes.`,
  (post) => `The tasks in the ${post} description match what I have done in my volunteering: careful records, short reports and working with partners.`,
  (_post, city) => `I am keen to live and work in ${city}, and this post uses the research and writing skills from my course.`,
  (post) => `This post would let me use my course in practice. I am especially interested in how the ${post.toLowerCase()} supports the office's partners.`,
  (_post, city) => `I have followed the office's work in ${city} for a year and would value learning from its staff.`,
];

export function choiceMotivation(seed: number, post: string, city: string): string {
  const fill = motivations[seed % motivations.length] as (post: string, city: string) => string;
  return fill(post, city);
}
