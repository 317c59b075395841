export { HOSPITAL_TIME_ZONE } from './zone';
export { systemClock, type Clock } from './clock';
export { hospitalWall, atHospitalWall, type WallFields } from './wall';
export { businessDate, clockTime, wallTime, ledgerStamp, compactTime, compactMillis } from './format';
export { parseStamp, stampWallTime } from './parse';
export { isCalendarDate, compactDateToIso, shiftDay, daysBetween, monthRange, quarterRange, yearRange, quarterOf, type DayRange } from './calendar';
export { parseTimeOfDay, nextTimeOfDay, type TimeOfDay } from './daily';
