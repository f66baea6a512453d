/** 叫应 message texts (Chinese: they go to people's phones). */
const DRILL = '【演练】';

export function callText(o: {
  drill: boolean;
  title: string;
  name: string;
  code: string;
  link: string;
  minutes: number;
  again?: boolean;
}): string {
  return (
    `【宝安三防】${o.drill ? DRILL : ''}${o.again ? '再次叫应：' : '叫应：'}${o.title}。` +
    `${o.name}，请于${o.minutes}分钟内回复“${o.code} A”确认收到，或打开 ${o.link}`
  );
}

export function backupText(o: {
  drill: boolean;
  title: string;
  name: string;
  forName: string;
  code: string;
  link: string;
}): string {
  return (
    `【宝安三防】${o.drill ? DRILL : ''}叫应（B角）：${o.title}。${o.forName}未应答，` +
    `请${o.name}代为确认：回复“${o.code} A”或打开 ${o.link}`
  );
}

export function leaderText(o: { drill: boolean; title: string; names: string[] }): string {
  const shown = o.names.slice(0, 10).join('、');
  const more = o.names.length > 10 ? `等${o.names.length}人` : '';
  return `【宝安三防】${o.drill ? DRILL : ''}叫应未应答：${o.title}。本单位${shown}${more}未应答，请督促。`;
}

export function dutyOfficerText(o: { drill: boolean; title: string; count: number }): string {
  return `【宝安三防】${o.drill ? DRILL : ''}叫应升级：${o.title}，仍有${o.count}人未应答，请值班员跟进。`;
}

export function standDownText(o: { drill: boolean; title: string }): string {
  return `【宝安三防】${o.drill ? DRILL : ''}解除：${o.title}已解除（降级或取消），感谢值守。`;
}

const COLOUR_ZH: Record<string, string> = {
  blue: '蓝色',
  yellow: '黄色',
  orange: '橙色',
  red: '红色',
};

export const warningTitle = (headline: string, colour: string | null): string =>
  headline.trim() !== '' ? headline : `${COLOUR_ZH[colour ?? ''] ?? ''}预警`;

export const drillTitle = (scopeName: string): string => `连通性测试（${scopeName}）`;
