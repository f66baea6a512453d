interface PhoneLinkProps {
  phone: string;
}

/** Duty officers call straight from the console (softphone or desk phone handler). */
export function PhoneLink({ phone }: PhoneLinkProps) {
  return (
    <a className="phone-link" href={`tel:${phone.replace(/[^\d+]/g, '')}`}>
      {phone}
    </a>
  );
}
