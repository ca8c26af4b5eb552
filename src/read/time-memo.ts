/**
 * `inferenceTime` texts to Dates for the record reader, one record at a time. Records of one
 * second share the text (parsed once); records of one minute share all but the seconds, so
 * `YYYY-MM-DDTHH:MM:SSZ` after a parsed text of the same minute is that minute plus `SS`
 * seconds, without the regular expression and the date checks (an hour of small files has a
 * new second on almost every record). Anything else goes to `parseInferenceTime`, the reference.
 */
import { parseInferenceTime } from "../capture";

/** Parses `inferenceTime` texts, remembering the last second and minute. */
export class InferenceTimeMemo {
  private lastText = "";
  private last = new Date(NaN);
  /** `YYYY-MM-DDTHH:MM:` of the last fully parsed `...SSZ` text, and its minute's epoch ms. */
  private minuteText = "";
  private minuteMs = NaN;

  /**
   * The Date of `text`, exactly as `parseInferenceTime(text, { source, line })` gives it.
   * @throws CaptureFormatError from `parseInferenceTime` for a text it refuses.
   */
  parse(text: string, source: string, line: number): Date {
    if (text === this.lastText) return this.last;
    let d: Date | undefined;
    const minute = this.minuteText;
    if (minute.length === 17 && text.length === 20 && text.charCodeAt(19) === 90 /* Z */ && text.startsWith(minute)) {
      const s1 = text.charCodeAt(17) - 48;
      const s0 = text.charCodeAt(18) - 48;
      if (s1 >= 0 && s1 <= 5 && s0 >= 0 && s0 <= 9) d = new Date(this.minuteMs + (s1 * 10 + s0) * 1000);
    }
    if (d === undefined) {
      d = parseInferenceTime(text, { source, line });
      if (text.length === 20 && text.charCodeAt(19) === 90) {
        this.minuteText = text.slice(0, 17);
        this.minuteMs = d.getTime() - Number(text.slice(17, 19)) * 1000;
      }
    }
    this.lastText = text;
    this.last = d;
    return d;
  }
}
