// Reads an iCalendar file from standard input with ical.js, the parser inside Thunderbird, and
// prints every occurrence between two dates as JSON: {uid, summary, transp, start, end} with
// start and end in UTC. Time zones come only from the file's own VTIMEZONE components, as they
// do in a calendar app that does not already know the zone.
//
// Usage: node read_calendar.mjs 2027-01-01T00:00:00Z 2028-01-01T00:00:00Z < calendar.ics
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [from, to] = process.argv.slice(2).map((value) => ICAL.Time.fromJSDate(new Date(value), true));
const calendar = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(vtimezone);
}

const utc = (time) => time.toJSDate().toISOString();
const occurrences = [];
for (const vevent of calendar.getAllSubcomponents("vevent")) {
  const event = new ICAL.Event(vevent);
  const iterator = event.iterator();
  for (let start = iterator.next(); start && start.compare(to) < 0; start = iterator.next()) {
    const details = event.getOccurrenceDetails(start);
    if (details.endDate.compare(from) <= 0) continue;
    occurrences.push({
      uid: event.uid,
      summary: event.summary,
      transp: vevent.getFirstPropertyValue("transp"),
      start: utc(details.startDate),
      end: utc(details.endDate),
    });
  }
}
process.stdout.write(JSON.stringify(occurrences));
