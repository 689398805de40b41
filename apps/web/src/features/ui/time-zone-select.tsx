import type { ComponentProps } from 'react';

const zones = Intl.supportedValuesOf('timeZone');

/**
 * Every IANA time zone the browser knows; `current` is listed too when the browser does not
 * name it (e.g. "UTC", or a zone saved from another device).
 */
export function TimeZoneSelect({
  current,
  ...props
}: ComponentProps<'select'> & { current: string }) {
  const names = zones.includes(current) ? zones : [current, ...zones];
  return (
    <select {...props}>
      {names.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll('_', ' ')}
        </option>
      ))}
    </select>
  );
}
