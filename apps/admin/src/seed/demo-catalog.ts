import type { AccountType } from '@budget/db';

/** The demo user's accounts. Amounts are minor units (cents). */
export const demoAccounts = {
  checking: { name: 'Everyday Checking', type: 'checking', openingBalance: 320_000 },
  savings: { name: 'High-Yield Savings', type: 'savings', openingBalance: 850_000 },
  creditCard: { name: 'Rewards Credit Card', type: 'credit_card', openingBalance: -35_000 },
  cash: { name: 'Cash Wallet', type: 'cash', openingBalance: 12_000 },
} as const satisfies Record<string, { name: string; type: AccountType; openingBalance: number }>;

export type AccountKey = keyof typeof demoAccounts;

/** Bills and other entries on a fixed day of the month, from the checking account unless said. */
export const monthlyBills = {
  rent: { date: 1, category: 'Housing', payee: 'Parkview Apartments', amount: 165_000 },
  gym: { date: 3, category: 'Health', payee: 'Iron Temple Gym', amount: 3_900 },
  internet: { date: 12, category: 'Utilities', payee: 'Comcast Xfinity', amount: 5_999 },
  phone: { date: 18, category: 'Utilities', payee: 'T-Mobile', amount: 4_500 },
} as const;

/** Charged to the credit card every month. */
export const subscriptions = {
  streaming: { date: 7, payee: 'Netflix', amount: 1_549 },
  music: { date: 15, payee: 'Spotify', amount: 1_099 },
} as const;

export const ELECTRICITY_DATE = 5;
export const CARD_PAYMENT_DATE = 20;
export const PAYDAY_DATE = 25;
export const SAVINGS_DATE = 26;

/** Before scaling to the requested volume (see DemoPlan.scale). */
export const BASE_SALARY = 580_000;
export const BASE_SAVINGS_TRANSFER = 60_000;
/** Cash is topped up to this every other Friday. */
export const CASH_FLOAT = 20_000;

type Payee = readonly [name: string, min: number, max: number];

/** Everyday entries, spread over the days: what they are, where paid from, how often. */
export interface EverydayKind {
  kind: 'expense' | 'refund' | 'income';
  category: string;
  /** Relative frequency on weekdays and on weekends. */
  weekday: number;
  weekend: number;
  via: readonly (readonly [AccountKey, number])[];
  payees: readonly [Payee, ...Payee[]];
  notes?: readonly [string, ...string[]];
  /** How often a note is added. */
  noteChance?: number;
}

export const everyday: readonly EverydayKind[] = [
  {
    kind: 'expense',
    category: 'Groceries',
    weekday: 18,
    weekend: 14,
    via: [
      ['creditCard', 5],
      ['checking', 4],
      ['cash', 1],
    ],
    payees: [
      ["Trader Joe's", 800, 6_500],
      ['Safeway', 1_200, 9_000],
      ['Aldi', 900, 5_500],
      ['Corner Market', 350, 2_500],
    ],
  },
  {
    kind: 'expense',
    category: 'Dining',
    weekday: 20,
    weekend: 30,
    via: [
      ['creditCard', 6],
      ['cash', 3],
      ['checking', 1],
    ],
    payees: [
      ['Blue Bottle Coffee', 450, 1_400],
      ['Chipotle', 1_100, 2_800],
      ['Thai Orchid', 1_800, 6_500],
      ["Luigi's Trattoria", 3_500, 12_000],
      ['Sushi Zen', 2_500, 9_500],
      ['Burger Barn', 1_200, 3_800],
    ],
    notes: ['Split with friends', 'Team lunch', 'Date night'],
    noteChance: 0.1,
  },
  {
    kind: 'expense',
    category: 'Transport',
    weekday: 18,
    weekend: 10,
    via: [
      ['creditCard', 6],
      ['checking', 2],
      ['cash', 2],
    ],
    payees: [
      ['Shell', 3_000, 7_000],
      ['Chevron', 3_000, 7_500],
      ['Metro Transit', 275, 275],
      ['Uber', 900, 4_500],
      ['Lyft', 900, 4_200],
      ['City Parking', 200, 2_500],
    ],
  },
  {
    kind: 'expense',
    category: 'Shopping',
    weekday: 10,
    weekend: 16,
    via: [
      ['creditCard', 17],
      ['checking', 3],
    ],
    payees: [
      ['Amazon', 1_000, 15_000],
      ['Target', 1_500, 12_000],
      ['IKEA', 2_500, 40_000],
      ['Best Buy', 2_000, 60_000],
      ['Uniqlo', 2_000, 9_000],
    ],
  },
  {
    kind: 'expense',
    category: 'Entertainment',
    weekday: 5,
    weekend: 12,
    via: [
      ['creditCard', 8],
      ['cash', 2],
    ],
    payees: [
      ['AMC Theatres', 1_200, 4_500],
      ['Steam', 500, 6_000],
      ['Ticketmaster', 4_000, 25_000],
      ['Bowlero', 2_000, 6_000],
    ],
  },
  {
    kind: 'expense',
    category: 'Health',
    weekday: 4,
    weekend: 2,
    via: [
      ['creditCard', 6],
      ['checking', 4],
    ],
    payees: [
      ['CVS Pharmacy', 500, 6_000],
      ['Walgreens', 500, 5_000],
      ['Dr. Patel Family Practice', 2_500, 15_000],
    ],
  },
  {
    kind: 'expense',
    category: 'Travel',
    weekday: 1.5,
    weekend: 2,
    via: [['creditCard', 1]],
    payees: [
      ['Delta Air Lines', 15_000, 90_000],
      ['Airbnb', 20_000, 120_000],
      ['Marriott', 15_000, 60_000],
      ['Hertz', 8_000, 40_000],
    ],
    notes: ['Trip to Lisbon', 'Trip to Denver', 'Weekend in Chicago', 'Visiting family'],
    noteChance: 0.6,
  },
  {
    kind: 'expense',
    category: 'Gifts',
    weekday: 1.5,
    weekend: 2,
    via: [
      ['creditCard', 3],
      ['cash', 1],
    ],
    payees: [
      ['Etsy', 1_500, 12_000],
      ['Bloom Flower Shop', 3_000, 9_000],
    ],
  },
  {
    kind: 'expense',
    category: 'Other',
    weekday: 4,
    weekend: 2,
    via: [
      ['checking', 1],
      ['cash', 1],
    ],
    payees: [
      ['USPS', 500, 3_000],
      ['Dry Cleaner', 1_200, 4_000],
      ['Barber Shop', 2_500, 4_500],
    ],
  },
  {
    kind: 'refund',
    category: 'Shopping',
    weekday: 1.5,
    weekend: 1,
    via: [
      ['creditCard', 4],
      ['checking', 1],
    ],
    payees: [
      ['Amazon', 1_000, 8_000],
      ['Uniqlo', 2_000, 6_000],
      ['Best Buy', 2_000, 30_000],
    ],
    notes: ['Refund'],
    noteChance: 1,
  },
  {
    kind: 'refund',
    category: 'Travel',
    weekday: 0.3,
    weekend: 0.2,
    via: [['creditCard', 1]],
    payees: [['Delta Air Lines', 15_000, 50_000]],
    notes: ['Refund: cancelled flight'],
    noteChance: 1,
  },
  {
    kind: 'income',
    category: 'Freelance',
    weekday: 1.2,
    weekend: 0.3,
    via: [['checking', 1]],
    payees: [
      ['Northwind Traders', 30_000, 250_000],
      ['Contoso Ltd', 50_000, 180_000],
    ],
    notes: ['Invoice paid'],
    noteChance: 0.5,
  },
  {
    kind: 'income',
    category: 'Gifts',
    weekday: 0.3,
    weekend: 0.5,
    via: [['checking', 1]],
    payees: [
      ['Grandma', 2_000, 20_000],
      ['Birthday gift', 2_500, 10_000],
    ],
  },
];
