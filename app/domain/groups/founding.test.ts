import { describe, expect, it } from "vitest";
import { formatFounding, parseFoundingYear } from "./founding";

describe("founding years", () => {
  it("reads Western and era years, full-width too", () => {
    expect(["2021", "2021年", "令和3年", "R3", "r3", "Ｒ３", "令和３年"].map(parseFoundingYear)).toEqual(Array(7).fill(2021));
    expect(parseFoundingYear("平成元年")).toBe(1989);
    expect(parseFoundingYear("昭和47年")).toBe(1972);
    expect(parseFoundingYear("3年")).toBeNull();
    expect(parseFoundingYear("令和3～5年")).toBeNull();
  });

  it("shows both notations, with the calendar era of the month", () => {
    expect(formatFounding(2021, 4)).toBe("2021年（令和3年）4月");
    expect(formatFounding(2021, null)).toBe("2021年（令和3年）");
    expect(formatFounding(2019, 4)).toBe("2019年（平成31年）4月");
    expect(formatFounding(2019, 5)).toBe("2019年（令和元年）5月");
    expect(formatFounding(null, 4)).toBeNull();
  });
});
