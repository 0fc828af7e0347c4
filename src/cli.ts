import { backupDatabase, restoreDatabase } from './platform/backup.js';
import { loadConfig } from './platform/config.js';
import { DataDirLockedError } from './platform/data-lock.js';
import { formatDemoAccounts, openStorage, seedDemo } from './storage.js';

const USAGE = `用法: npm run kehui -- <命令>
  migrate          应用数据库迁移
  seed             向空数据库写入演示数据
  backup FILE      备份全部数据到 FILE（.gz 结尾则压缩）
  restore FILE     用 FILE 中的备份替换全部数据（先停止服务）
  segment [--query]  从标准输入逐行读取 UTF-8 文本，输出分词结果（空格分隔）；--query 输出检索用的规范化词项
  reindex          从数据库重建检索索引并报告数量（运行中的服务随后自行重建）
  rematch          重新计算全部开放需求的推荐成果（每项需求前 20 项），显示进度
  verify-log       重新计算公开存证日志的哈希链，输出 OK 或第一条被篡改的序号（篡改时退出码 1）
  auction-replay LOT  重算拍卖标的出价记录的哈希链并重放出价，输出结果及是否与存储一致（不一致时退出码 1）`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'segment') return segmentStdin(args.includes('--query'));
  const config = loadConfig();
  const storage = await openStorage(config);
  try {
    switch (command) {
      case 'migrate':
        console.log(`迁移已应用 (${storage.database.kind})`);
        return 0;
      case 'seed': {
        const seeded = await seedDemo(storage.database);
        console.log(seeded ? formatDemoAccounts(seeded) : '数据库非空，未写入演示数据');
        return 0;
      }
      case 'backup': {
        const file = args[0];
        if (!file) throw new Error('请指定备份文件: npm run kehui -- backup FILE');
        const r = await backupDatabase(storage.database, file);
        console.log(`已备份 ${r.tables} 张表、${r.rows} 行到 ${file}`);
        return 0;
      }
      case 'restore': {
        const file = args[0];
        if (!file) throw new Error('请指定备份文件: npm run kehui -- restore FILE');
        const r = await restoreDatabase(storage.database, file);
        console.log(`已从 ${file} 恢复 ${r.tables} 张表、${r.rows} 行`);
        return 0;
      }
      case 'reindex': {
        const { searchSources } = await import('./app.js');
        const { createSearchRuntime, reindexAll } = await import('./modules/search/index.js');
        const { systemContext } = await import('./platform/auth.js');
        const rt = createSearchRuntime({ db: storage.database.db, sources: searchSources(), log: { error: console.error, info: () => undefined } });
        const r = await reindexAll(rt, systemContext('cli-reindex'));
        console.log(`检索索引已重建：${r.docs} 条（${Object.entries(r.byType).map(([k, v]) => `${k} ${v}`).join('，')}），用时 ${r.ms} ms；运行中的服务将随后自行重建`);
        return 0;
      }
      case 'rematch': {
        const { searchSources } = await import('./app.js');
        const { createSearchRuntime, rebuild } = await import('./modules/search/index.js');
        const { rematch } = await import('./modules/matching/index.js');
        const { systemContext } = await import('./platform/auth.js');
        const rt = createSearchRuntime({ db: storage.database.db, sources: searchSources(), log: { error: console.error, info: () => undefined } });
        const built = await rebuild(rt);
        console.log(`检索索引已建立：${built.docs} 条，用时 ${built.ms} ms`);
        let shown = 0;
        const r = await rematch({ db: storage.database.db, search: rt }, systemContext('cli-rematch'), {
          onProgress: (p) => {
            // A line per tenth (and the last), so a log file stays readable.
            if (p.done < p.total && p.done - shown < Math.max(1, Math.ceil(p.total / 10))) return;
            shown = p.done;
            const rate = p.ms > 0 ? Math.round((p.done * 1000) / p.ms) : 0;
            console.log(`已处理 ${p.done}/${p.total} 项需求（${Math.round((p.done * 100) / Math.max(1, p.total))}%），推荐 ${p.recommendations} 条，${rate} 项/秒`);
          },
        });
        console.log(`重新匹配完成：${r.demands} 项开放需求，写入推荐 ${r.recommendations} 条，清除已关闭需求的推荐 ${r.staleRemoved} 条，用时 ${(r.ms / 1000).toFixed(1)} 秒`);
        return 0;
      }
      case 'verify-log': {
        const { verifyPublicLog } = await import('./modules/public-log/index.js');
        const r = await verifyPublicLog(storage.database.db);
        if (r.ok) {
          console.log(`OK：公开存证日志 ${r.entries} 条，哈希链完整（末条哈希 ${r.lastHash}）`);
          return 0;
        }
        console.log(`BROKEN：第 ${r.brokenSeq} 条起哈希链断裂（${r.reason}）`);
        return 1;
      }
      case 'auction-replay': {
        const lotId = args[0];
        if (!lotId) throw new Error('请指定拍卖标的 ID: npm run kehui -- auction-replay LOT');
        const { verifyLot } = await import('./modules/auctions/index.js');
        const { fenToYuanString } = await import('./platform/money.js');
        const r = await verifyLot(storage.database.db, lotId);
        const yuan = (fen: number | null) => (fen === null ? '无' : `${fenToYuanString(fen)} 元`);
        console.log(`哈希链：${r.ok ? `完整（${r.entries} 条，末条哈希 ${r.lastHash}）` : `第 ${r.brokenSeq} 条起断裂（${r.reason}）`}`);
        console.log(`重放：最高价 ${yuan(r.replay.priceFen)}，领先竞买号 ${r.replay.leaderPaddle ?? '无'}，结束时间 ${new Date(r.replay.endsAtMs).toISOString()}，结果 ${r.replay.result ?? '未结束'}${r.replay.mismatch ? `；不成立：${r.replay.mismatch}` : ''}`);
        console.log(r.ok && r.replay.matchesStored ? 'OK：重放结果与存储的结果一致' : 'MISMATCH：重放结果与存储的结果不一致');
        return r.ok && r.replay.matchesStored ? 0 : 1;
      }
      default:
        console.error(`未知命令: ${command}\n${USAGE}`);
        return 2;
    }
  } finally {
    await storage.close();
  }
}

/**
 * Segments stdin line by line with the platform's default domain dictionary (no database needed, so
 * it also runs next to a server holding the data directory). Output line N belongs to input line N.
 */
async function segmentStdin(queryMode: boolean): Promise<number> {
  const { Segmenter } = await import('./modules/search/text/segmenter.js');
  const { createInterface } = await import('node:readline');
  const seg = new Segmenter();
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  const out: string[] = [];
  const flush = () => {
    if (out.length) process.stdout.write(`${out.join('\n')}\n`);
    out.length = 0;
  };
  for await (const line of rl) {
    out.push(queryMode ? seg.queryTokens(line).join(' ') : seg.rawSegment(line));
    if (out.length >= 1000) flush();
  }
  flush();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof DataDirLockedError ? err.message : err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
